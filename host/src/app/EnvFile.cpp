#include "app/EnvFile.h"

#include "common/Exceptions.h"

#include <cctype>
#include <fstream>
#include <optional>

namespace MultiFlexi {

namespace {

std::string trim(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return {};
  return s.substr(begin, s.find_last_not_of(" \t\r") - begin + 1);
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
  const std::string rest = trim(raw.substr(i + 1));
  if (!rest.empty() && rest[0] != '#') {
    error = "text after the closing quote";
    return std::nullopt;
  }
  return out;
}

}  // namespace

std::map<std::string, std::string> readEnvFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ConfigurationException("env file " + path + ": cannot be read");
  std::map<std::string, std::string> values;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string text = trim(line);
    if (text.empty() || text[0] == '#') continue;
    if (text.rfind("export ", 0) == 0) text = trim(text.substr(7));
    const auto eq = text.find('=');
    const std::string where = "env file " + path + " line " + std::to_string(number) + ": ";
    if (eq == std::string::npos) throw ConfigurationException(where + "expected KEY=VALUE");
    const std::string key = trim(text.substr(0, eq));
    if (!validName(key)) throw ConfigurationException(where + "'" + key + "' is not a variable name");
    std::string error;
    auto value = unquote(trim(text.substr(eq + 1)), error);
    if (!value) throw ConfigurationException(where + key + ": " + error);
    values[key] = std::move(*value);
  }
  return values;
}

}  // namespace MultiFlexi
