// Text that is safe to write to a terminal: control characters of names and
// messages shown, never obeyed. Used by the CLI's tables and its one-line
// messages; JSON output escapes on its own.
#pragma once

#include <string>
#include <string_view>

namespace MultiFlexi {

/// `text` with every C0 control (including NUL, newline, tab and ESC), DEL
/// and C1 control (U+0080-U+009F) written as "\xNN" (C1: "\u00NN"), and each
/// byte that is not part of valid UTF-8 as "\xNN"; a backslash stays as it is.
/// Printable UTF-8 is kept. With `keepNewlines`, '\n' stays (for messages
/// that are several lines by design). Never throws (but std::bad_alloc).
std::string escapeControls(std::string_view text, bool keepNewlines = false);

}  // namespace MultiFlexi
