// Host-side definitions of the two opaque types of the C contract:
// mfx_status (error context) and mfx_host_ctx (one per loaded plugin).
#pragma once

#include <multiflexi/mfx_plugin.h>

#include <Poco/Logger.h>
#include <Poco/Util/AbstractConfiguration.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

/// Error context a plugin writes through host->status_set.
struct mfx_status {
  mfx_rc code = MFX_OK;
  std::string message;
};

/// What the host knows about one plugin while and after it initializes.
struct mfx_host_ctx {
  mfx_host_ctx(std::string id, Poco::Logger& log, const Poco::Util::AbstractConfiguration& cfg)
      : pluginId(std::move(id)), logger(log), config(cfg) {}

  const std::string pluginId;
  Poco::Logger& logger;
  const Poco::Util::AbstractConfiguration& config;

  /// Registration is open only while mfx_plugin_init runs, on its thread.
  /// A misbehaving plugin may call register_* from any thread at any time,
  /// so the registration state below is guarded by mutex.
  std::mutex mutex;
  bool initializing = false;
  std::thread::id initThread;

  /// Tables registered during init (zero-extended copies), kept until the
  /// loader accepts or refuses the plugin as a whole.
  std::vector<mfx_executor> executors;
  std::vector<mfx_credential_type> credentialTypes;
  std::vector<mfx_monitor> monitors;
  /// Why registrations were refused; any entry refuses the plugin.
  std::vector<std::string> registrationErrors;
};
