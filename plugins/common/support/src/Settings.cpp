#include "Settings.h"

#include <multiflexi/mfx_plugin.hpp>

#include <nlohmann/json.hpp>

#include <sstream>

namespace mfx::support {

Settings::Settings(std::string_view configJson) {
  nlohmann::json config;
  try {
    config = nlohmann::json::parse(configJson);
  } catch (const std::exception&) {
    throw Invalid("the settings are not JSON");
  }
  if (!config.is_object()) throw Invalid("the settings must be a JSON object");
  for (const auto& [k, v] : config.items()) {
    if (!v.is_string()) throw Invalid(nlohmann::json{{k, "must be a string"}}.dump());
    _values[k] = v.get<std::string>();
  }
}

std::optional<std::string> Settings::get(const std::string& name) const {
  auto it = _values.find(name);
  if (it == _values.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

std::string Settings::required(const std::string& name) const {
  auto v = get(name);
  if (!v) throw Invalid(nlohmann::json{{name, "is required"}}.dump());
  return *v;
}

SecretRule::SecretRule(const std::string& setting) {
  if (setting.empty() || setting == "auto") return;
  if (setting == "all") {
    _mode = Mode::All;
  } else if (setting == "none") {
    _mode = Mode::None;
  } else {
    _mode = Mode::Listed;
    std::istringstream names(setting);
    for (std::string name; std::getline(names, name, ',');)
      if (!name.empty()) _listed.insert(name);
  }
}

bool SecretRule::isSecret(const std::string& name) const {
  switch (_mode) {
    case Mode::All: return true;
    case Mode::None: return false;
    case Mode::Listed: return _listed.count(name) > 0;
    case Mode::Auto: break;
  }
  return false;  // the host marks what the names say (its isSecretField rule)
}

}  // namespace mfx::support
