#include "cli/Command.h"

#include "common/Exceptions.h"

#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/Util/Option.h>

#include <set>

namespace MultiFlexi {

void Command::addOption(Poco::Util::OptionSet& options, const std::string& name, const std::string& argument,
                        const std::string& description, bool repeatable) {
  options.addOption(Poco::Util::Option(name, "", description).argument(argument).repeatable(repeatable));
}

std::optional<std::string> Command::value(const std::string& name) const {
  auto it = _values.find(name);
  if (it == _values.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

bool Command::onlyReads() const {
  static const std::set<std::string> readVerbs = {"list", "get", "status", "export-json", "list-credentials"};
  const std::string full = name();
  const std::size_t colon = full.find(':');
  if (colon == std::string::npos) return false;
  return full.compare(0, colon, "artifact") == 0 || readVerbs.count(full.substr(colon + 1)) > 0;
}

std::vector<std::string> Command::values(const std::string& name) const {
  auto it = _values.find(name);
  return it == _values.end() ? std::vector<std::string>() : it->second;
}

std::string Command::required(const std::string& name) const {
  auto v = value(name);
  if (!v) throw UsageException("--" + name + " is required (see 'multiflexi " + this->name() + " --help')");
  return *v;
}

std::optional<int64_t> Command::integer(const std::string& name) const {
  auto v = value(name);
  if (!v) return std::nullopt;
  Poco::Int64 n = 0;
  if (!Poco::NumberParser::tryParse64(*v, n))
    throw UsageException("--" + name + ": expected a whole number, got '" + *v + "'");
  return n;
}

int64_t Command::requiredInteger(const std::string& name) const {
  required(name);
  return *integer(name);
}

std::optional<bool> Command::flag(const std::string& name) const {
  auto v = value(name);
  if (!v) return std::nullopt;
  const std::string s = Poco::toLower(*v);
  if (s == "1" || s == "true" || s == "yes" || s == "on") return true;
  if (s == "0" || s == "false" || s == "no" || s == "off") return false;
  throw UsageException("--" + name + ": expected 1 or 0 (true/false), got '" + *v + "'");
}

std::pair<std::string, std::string> Command::keyValue(const std::string& name, const std::string& item) {
  const std::size_t eq = item.find('=');
  if (eq == std::string::npos || eq == 0)
    throw UsageException("--" + name + ": expected KEY=VALUE, got '" + item + "'");
  return {item.substr(0, eq), item.substr(eq + 1)};
}

std::map<std::string, std::string> Command::pairs(const std::string& name) const {
  std::map<std::string, std::string> out;
  for (const auto& item : values(name)) {
    auto [key, val] = keyValue(name, item);
    out[key] = val;
  }
  return out;
}

void Command::requireNoArguments(const std::vector<std::string>& args) const {
  if (!args.empty()) throw UsageException(name() + " takes no arguments, got '" + args.front() + "'");
}

int64_t Command::limit() const {
  const int64_t n = integer("limit").value_or(100);
  if (n < 1) throw UsageException("--limit: must be at least 1, got " + std::to_string(n));
  return n;
}

int64_t Command::offset() const {
  const int64_t n = integer("offset").value_or(0);
  if (n < 0) throw UsageException("--offset: must not be negative, got " + std::to_string(n));
  return n;
}

}  // namespace MultiFlexi
