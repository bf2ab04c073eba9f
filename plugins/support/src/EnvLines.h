// KEY=VALUE text as .env files and credential helpers write it: blank lines
// and # comments skipped, an optional "export " prefix, split on the first
// '=', values optionally in single quotes (as written) or double quotes
// (\n \t \" \\ escapes). Names must be [A-Za-z_][A-Za-z0-9_]*.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mfx::support {

/// The variables of `text`, in order. Throws mfx::Invalid naming the line
/// number and what is wrong; never quotes a value (it may be a secret).
std::vector<std::pair<std::string, std::string>> parseEnvLines(std::string_view text);

}  // namespace mfx::support
