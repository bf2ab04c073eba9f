// KEY=VALUE text as systemd's EnvironmentFile and PHP dotenv read it: blank
// lines and lines starting with # are skipped, an optional "export " prefix
// is dropped, the line is split at the first '=', and a value may be in
// single quotes (taken as written) or double quotes (\" \\ \n \t escapes);
// an unquoted value ends before " #". Names are [A-Za-z_][A-Za-z0-9_]*.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mfx::envlines {

/// A line that is not KEY=VALUE. what() is "line N: reason": it names the
/// line and the variable, never the value (it may be a secret).
class SyntaxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The variables of `text`, in order (a later one of the same name is
/// listed again). Throws SyntaxError.
std::vector<std::pair<std::string, std::string>> parse(std::string_view text);

}  // namespace mfx::envlines
