// The `envfile` credential type: MultiFlexi's EnvFile. Every time a job
// starts, the KEY=VALUE file named by ENV_FILE_PATH is read again and each
// of its variables goes into the job's environment.
#pragma once

#include <multiflexi/mfx_plugin.hpp>

namespace mfx::envfile {

/// The field schema the plugin registers.
extern const char* const kSchema;

class EnvFileCredential : public CredentialType {
 public:
  /// ENV_FILE_PATH must be an absolute path; SECRETS auto|all|none|A,B.
  void validate(std::string_view configJson) override;
  /// Reads the file now; a missing or malformed file fails the job.
  void resolve(const Scope& scope, std::string_view configJson, Env& env) override;
};

}  // namespace mfx::envfile
