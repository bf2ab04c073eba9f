#include "EnvLines.h"

#include <multiflexi/mfx_plugin.hpp>

namespace mfx::support {

namespace {

bool validName(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string unquote(std::string_view v, const std::string& where) {
  if (v.size() >= 2 && v.front() == '\'' && v.back() == '\'') return std::string(v.substr(1, v.size() - 2));
  if (v.empty() || v.front() != '"') return std::string(v);
  if (v.size() < 2 || v.back() != '"') throw Invalid(where + ": unterminated double quote");
  std::string out;
  for (std::size_t i = 1; i + 1 < v.size(); ++i) {
    if (v[i] != '\\' || i + 2 >= v.size()) {
      out += v[i];
      continue;
    }
    const char next = v[++i];
    out += next == 'n' ? '\n' : next == 't' ? '\t' : next;
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> parseEnvLines(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t lineNo = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++lineNo;
    if (line.empty() || line.front() == '#') continue;
    if (line.substr(0, 7) == "export ") line = trim(line.substr(7));
    const std::string where = "line " + std::to_string(lineNo);
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) throw Invalid(where + ": expected KEY=VALUE");
    const std::string_view name = trim(line.substr(0, eq));
    if (!validName(name)) throw Invalid(where + ": '" + std::string(name) + "' is not a variable name");
    out.emplace_back(std::string(name), unquote(trim(line.substr(eq + 1)), where));
  }
  return out;
}

}  // namespace mfx::support
