// The environment a job gets, assembled in MultiFlexi's precedence (later
// wins): application defaults < run-template configuration < credentials <
// company environment < injected MULTIFLEXI_* variables < one-off overrides
// of an ad-hoc run. Nothing of the daemon's own environment is passed, only
// PATH, LANG, TZ and HOME from it, and only where no layer set them.
#pragma once

#include "domain/Application.h"
#include "domain/Company.h"
#include "domain/Credential.h"
#include "domain/RunTemplate.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

/// One variable with where it came from.
struct EnvValue {
  std::string value;
  bool secret = false;
  std::string source;  ///< "application", "runtemplate", "credential", "company", "multiflexi", "override", "daemon"

  /// Copied from the daemon's own environment (the PATH/LANG/TZ/HOME allow-list).
  bool inherited() const { return source == "daemon"; }
};

class JobEnvironment {
 public:
  /// The layers, in precedence order; each adds or overrides.
  void addApplicationDefault(const std::string& key, const std::string& value, bool secret);
  void addTemplateConfig(const std::string& key, const std::string& value, bool secret);
  void addCredential(const std::string& key, const std::string& value, bool secret);
  /// Company variables and overrides are secret when their names say so
  /// (isSecretField); overrides also when the manifest marks the key secret.
  void addCompany(const std::string& key, const std::string& value);
  void addInjected(const std::string& key, const std::string& value);
  void addOverride(const std::string& key, const std::string& value, bool secret);
  /// Fills PATH, LANG, TZ and HOME from `daemonEnvironment` where unset.
  void addAllowList(const std::map<std::string, std::string>& daemonEnvironment);

  /// Replaces every {NAME} in every value with NAME's value, in one pass
  /// over the original values; unknown macros stay as written (MultiFlexi).
  void expandMacros();
  /// `text` with {NAME} replaced by the values (after expandMacros). Not for
  /// command lines: buildCommandLine inserts values as data.
  std::string expand(const std::string& text) const;
  /// The value of `name`, or nullopt (a MacroLookup for buildCommandLine).
  std::optional<std::string> valueOf(const std::string& name) const;

  const std::map<std::string, EnvValue>& values() const { return _values; }
  /// True when any secret value occurs in `text` (for redaction checks).
  std::vector<std::string> secretValues() const;

 private:
  void set(const std::string& key, const std::string& value, bool secret, const char* source);
  std::map<std::string, EnvValue> _values;
};

/// What the executor knows about the job besides its template.
struct JobFacts {
  int64_t jobId = 0;
  std::string executor;
  std::string workingDir;  ///< becomes MULTIFLEXI_TMP
  std::string version;     ///< MULTIFLEXI_VERSION
  std::string traceparent;  ///< TRACEPARENT (domain/JobTrace.h); none when empty
  std::map<std::string, std::string> overrides;  ///< one-off values of an ad-hoc run
  std::vector<CredentialVariable> credentials;   ///< of the credentials bound to the template, resolved
};

/// The environment of a job of `runTemplate` (application `app`, company
/// `company`), every layer applied and {VAR} macros expanded.
JobEnvironment jobEnvironment(const Application& app, const Company& company, const RunTemplate& runTemplate,
                              const JobFacts& facts, const std::map<std::string, std::string>& daemonEnvironment);

/// A manifest default (defval JSON) as an environment value, converted the
/// way MultiFlexi does (bool -> 1/0); nothing for a null or absent default.
std::optional<std::string> defaultValueText(const EnvField& field);

}  // namespace MultiFlexi
