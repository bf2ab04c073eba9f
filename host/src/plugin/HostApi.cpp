#include "plugin/HostApi.h"

#include "plugin/HostContext.h"
#include "plugin/MonitorAdapter.h"

#include <Poco/Environment.h>

#include <multiflexi/mfx_rules.hpp>

#include <algorithm>
#include <string>

namespace MultiFlexi {

namespace {

std::string text(mfx_str s) { return s.ptr == nullptr ? std::string() : std::string(s.ptr, s.len); }

int clampLevel(int32_t level) {
  return std::clamp<int32_t>(level, Poco::Message::PRIO_FATAL, Poco::Message::PRIO_TRACE);
}

int32_t logEnabled(mfx_host_ctx* ctx, int32_t level) {
  return ctx->logger.is(clampLevel(level)) ? 1 : 0;
}

void log(mfx_host_ctx* ctx, int32_t level, mfx_str message) {
  const int prio = clampLevel(level);
  if (prio <= Poco::Message::PRIO_ERROR) ++callbackErrors();  // a failed callback, as far as the host can tell
  if (ctx->logger.is(prio))
    ctx->logger.log(Poco::Message(ctx->logger.name(), text(message),
                                  static_cast<Poco::Message::Priority>(prio)));
}

void statusSet(mfx_status* status, mfx_rc code, mfx_str message) {
  if (status == nullptr) return;
  status->code = code;
  status->message = text(message);
}

mfx_rc refuse(mfx_host_ctx* ctx, mfx_status* status, mfx_rc code, const std::string& reason) {
  ctx->registrationErrors.push_back(reason);
  if (!ctx->initializing) ctx->logger.error("refused a late registration: %s", reason);
  statusSet(status, code, mfx_str{reason.data(), reason.size()});
  return code;
}

template <class Table, class Check>
mfx_rc admit(mfx_host_ctx* ctx, const Table* table, size_t size, mfx_status* status,
             std::vector<Table>& into, const char* kind, Check check) {
  std::lock_guard<std::mutex> lock(ctx->mutex);
  if (!ctx->initializing || std::this_thread::get_id() != ctx->initThread)
    return refuse(ctx, status, MFX_E_DENIED,
                  std::string("register_") + kind +
                      " called outside mfx_plugin_init (registration is only allowed from the "
                      "init call, on its thread)");
  if (table == nullptr) return refuse(ctx, status, MFX_E_INVALID, std::string(kind) + " table is NULL");
  Table copy = mfx::rules::zeroExtendedCopy(table, size);
  if (auto reason = check(copy, size)) return refuse(ctx, status, MFX_E_INVALID, *reason);
  for (const Table& other : into)
    if (std::string(other.id) == copy.id)
      return refuse(ctx, status, MFX_E_INVALID,
                    std::string("duplicate ") + kind + " id '" + copy.id + "' in this plugin");
  into.push_back(copy);
  return MFX_OK;
}

mfx_rc registerExecutor(mfx_host_ctx* ctx, const mfx_executor* t, size_t size, mfx_status* st) {
  return admit(ctx, t, size, st, ctx->executors, "executor", &mfx::rules::checkExecutor);
}

mfx_rc registerCredentialType(mfx_host_ctx* ctx, const mfx_credential_type* t, size_t size,
                              mfx_status* st) {
  return admit(ctx, t, size, st, ctx->credentialTypes, "credential_type",
               &mfx::rules::checkCredentialType);
}

mfx_rc registerMonitor(mfx_host_ctx* ctx, const mfx_monitor* t, size_t size, mfx_status* st) {
  return admit(ctx, t, size, st, ctx->monitors, "monitor", &mfx::rules::checkMonitor);
}

mfx_rc configGet(mfx_host_ctx* ctx, mfx_str key, mfx_recv_fn recv, void* user, mfx_status*) {
  const std::string name = text(key);
  const auto value = pluginSetting(ctx->config, ctx->pluginId, name);
  if (!value) return MFX_E_NOT_FOUND;
  recv(user, mfx_str{value->data(), value->size()});
  return MFX_OK;
}

mfx_rc secretGet(mfx_host_ctx*, const mfx_scope*, mfx_str name, mfx_recv_fn, void*,
                 mfx_status* status) {
  const std::string reason = "no secret store is configured; secret '" + text(name) +
                             "' cannot be looked up";
  statusSet(status, MFX_E_UNAVAILABLE, mfx_str{reason.data(), reason.size()});
  return MFX_E_UNAVAILABLE;
}

const mfx_host_api kHostApi = [] {
  mfx_host_api api{};
  api.struct_size = sizeof(mfx_host_api);
  api.abi_major = MFX_ABI_MAJOR;
  api.abi_minor = MFX_ABI_MINOR;
  api.log_enabled = &logEnabled;
  api.log = &log;
  api.status_set = &statusSet;
  api.register_executor = &registerExecutor;
  api.register_credential_type = &registerCredentialType;
  api.register_monitor = &registerMonitor;
  api.config_get = &configGet;
  api.secret_get = &secretGet;
  return api;
}();

}  // namespace

bool looksLikeEnvName(const std::string& key) {
  if (key.empty() || key.size() > 255 || key[0] < 'A' || key[0] > 'Z') return false;
  return std::all_of(key.begin(), key.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::optional<std::string> pluginSetting(const Poco::Util::AbstractConfiguration& config, const std::string& pluginId,
                                         const std::string& key) {
  if (key.empty() || key.find('\0') != std::string::npos) return std::nullopt;
  const std::string full = "plugins." + pluginId + "." + key;
  if (config.hasProperty(full)) return config.getString(full);
  if (!looksLikeEnvName(key)) return std::nullopt;
  const std::string fromEnvFile = kEnvFileConfigPrefix + key;  // MultiFlexiApp::loadEnvFile puts them there
  if (config.hasProperty(fromEnvFile)) return config.getString(fromEnvFile);
  if (Poco::Environment::has(key)) return Poco::Environment::get(key);
  return std::nullopt;
}

const mfx_host_api* hostApi() { return &kHostApi; }

}  // namespace MultiFlexi
