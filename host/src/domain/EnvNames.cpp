#include "domain/EnvNames.h"

#include "common/Exceptions.h"
#include "common/TerminalText.h"

#include <array>

namespace MultiFlexi {

namespace {

bool isLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }

std::string quoted(std::string_view name) { return "'" + escapeControls(name) + "'"; }

}  // namespace

bool EnvNamePolicy::isName(std::string_view name) {
  if (name.empty() || !isLetter(name.front())) return false;
  for (char c : name)
    if (!isLetter(c) && !(c >= '0' && c <= '9')) return false;
  return true;
}

bool EnvNamePolicy::isLoaderOrShell(std::string_view name) {
  static constexpr std::array<std::string_view, 21> kNames = {
      "GLIBC_TUNABLES", "BASH_ENV",      "ENV",           "SHELLOPTS",       "BASHOPTS",         "PS4",
      "IFS",            "PYTHONSTARTUP", "PYTHONPATH",    "PYTHONHOME",      "PERL5OPT",         "PERL5LIB",
      "PERLLIB",        "RUBYOPT",       "RUBYLIB",       "NODE_OPTIONS",    "PHPRC",            "PHP_INI_SCAN_DIR",
      "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS"};
  if (name.substr(0, 3) == "LD_") return true;
  for (std::string_view known : kNames)
    if (name == known) return true;
  return false;
}

std::optional<std::string> EnvNamePolicy::problem(std::string_view name) const {
  if (!isName(name)) return quoted(name) + " is not a variable name ([A-Za-z_][A-Za-z0-9_]*)";
  if (isLoaderOrShell(name) && !_allowed.count(std::string(name)))
    return quoted(name) +
           " changes how programs are loaded or how a shell or interpreter starts: refused unless "
           "MULTIFLEXI_ALLOWED_ENV names it";
  return std::nullopt;
}

void EnvNamePolicy::require(const std::string& field, std::string_view name) const {
  if (auto why = problem(name)) throw ValidationException(field, *why);
}

}  // namespace MultiFlexi
