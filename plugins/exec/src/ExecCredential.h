// The `exec` credential type: runs a configured helper command when a job
// starts and takes the job's variables from its stdout — KEY=VALUE lines or
// one JSON object — for short-lived tokens (MultiFlexi's Csas type, kubectl's
// exec credentials). INPUT, a secret setting, is written to the helper's
// stdin so it never shows in a process list.
#pragma once

#include <multiflexi/mfx_plugin.hpp>

namespace mfx::exec {

extern const char* const kSchema;

class ExecCredential : public CredentialType {
 public:
  /// COMMAND required; TIMEOUT 1-600 seconds (default 10); FORMAT auto|env|json;
  /// SECRETS all (default)|auto|none|NAME,NAME.
  void validate(std::string_view configJson) override;
  /// Runs the helper; a non-zero exit, a timeout or unreadable output
  /// fails the job with the reason.
  void resolve(const Scope& scope, std::string_view configJson, Env& env) override;
};

}  // namespace mfx::exec
