// A credential's settings as the host passes them (a JSON object of
// field -> string), and the rule for which resolved variables are secret.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace mfx::support {

class Settings {
 public:
  /// Parses `configJson`. Throws mfx::Invalid when it is not an object of strings.
  explicit Settings(std::string_view configJson);

  std::optional<std::string> get(const std::string& name) const;
  /// The value, or mfx::Invalid {"NAME": "is required"}.
  std::string required(const std::string& name) const;

 private:
  std::map<std::string, std::string> _values;
};

/// Which variables a credential marks secret, from its SECRETS setting:
/// "all", "none", a comma-separated list of names, or "auto" (default):
/// none here — the host itself treats as secret every variable whose name
/// says so (…PASSWORD, …TOKEN, …SECRET…, …_KEY, …PIN), whatever the plugin says.
class SecretRule {
 public:
  explicit SecretRule(const std::string& setting);
  bool isSecret(const std::string& name) const;

 private:
  enum class Mode { Auto, All, None, Listed } _mode = Mode::Auto;
  std::set<std::string> _listed;
};

}  // namespace mfx::support
