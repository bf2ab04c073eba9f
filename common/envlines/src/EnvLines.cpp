#include "EnvLines.h"

#include <cctype>
#include <optional>

namespace mfx::envlines {

namespace {

std::string trim(std::string_view s) {
  const auto begin = s.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  return std::string(s.substr(begin, s.find_last_not_of(" \t\r") - begin + 1));
}

bool validName(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

/// The value after '=', unquoted; nothing (and `error` set) when malformed.
std::optional<std::string> unquote(const std::string& raw, std::string& error) {
  if (raw.empty() || (raw[0] != '"' && raw[0] != '\'')) {
    const auto comment = raw.find(" #");
    return trim(comment == std::string::npos ? raw : raw.substr(0, comment));
  }
  const char quote = raw[0];
  std::string out;
  std::size_t i = 1;
  for (; i < raw.size() && raw[i] != quote; ++i) {
    if (quote == '"' && raw[i] == '\\' && i + 1 < raw.size()) {
      const char next = raw[++i];
      out += next == 'n' ? '\n' : next == 't' ? '\t' : next;
    } else {
      out += raw[i];
    }
  }
  if (i >= raw.size()) {
    error = std::string("unterminated ") + quote + " quote";
    return std::nullopt;
  }
  const std::string rest = trim(std::string_view(raw).substr(i + 1));
  if (!rest.empty() && rest[0] != '#') {
    error = "text after the closing quote";
    return std::nullopt;
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> parse(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  for (int number = 1; !text.empty(); ++number) {
    const std::size_t end = text.find('\n');
    std::string line = trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("export ", 0) == 0) line = trim(std::string_view(line).substr(7));
    const std::string where = "line " + std::to_string(number) + ": ";
    const auto eq = line.find('=');
    if (eq == std::string::npos) throw SyntaxError(where + "expected KEY=VALUE");
    const std::string key = trim(std::string_view(line).substr(0, eq));
    if (!validName(key)) throw SyntaxError(where + "'" + key + "' is not a variable name");
    std::string error;
    auto value = unquote(trim(std::string_view(line).substr(eq + 1)), error);
    if (!value) throw SyntaxError(where + key + ": " + error);
    out.emplace_back(key, std::move(*value));
  }
  return out;
}

}  // namespace mfx::envlines
