// Turns an application's command line (executable + expanded cmdparams)
// into the argv an executor runs: split like a POSIX shell would, or handed
// to /bin/sh -c when the line uses shell syntax (pipes, redirections,
// variables, globs ...).
#pragma once

#include <string>
#include <vector>

namespace MultiFlexi {

/// The argv for `line`. Quotes ('...', "...") and backslash escapes group
/// words as in sh. Throws ValidationException for an unterminated quote.
std::vector<std::string> commandArgv(const std::string& line);

/// True when `line` needs a shell: an unquoted | & ; < > ( ) $ ` * ? [ ~,
/// a newline, or a # starting a word (a comment).
bool needsShell(const std::string& line);

}  // namespace MultiFlexi
