// The mfx_host_api table the host hands to every plugin.
#pragma once

#include <multiflexi/mfx_plugin.h>

#include <Poco/Util/AbstractConfiguration.h>

#include <optional>
#include <string>

namespace MultiFlexi {

/// The host's services table (ABI 1.1). Valid for the life of the process.
/// Registration functions honour mfx_host_ctx::initializing; config_get reads
/// pluginSetting(); secret_get answers MFX_E_UNAVAILABLE until a secret store
/// is attached (credentials arrive with the credential store). log() at error
/// level or worse counts in callbackErrors() (plugin/MonitorAdapter.h).
const mfx_host_api* hostApi();

/// Where MultiFlexiApp keeps the env file's values in the configuration
/// (the same as Settings::kEnvFilePrefix; a test pins both).
inline constexpr const char* kEnvFileConfigPrefix = "envfile.";

/// True for a key written as an environment variable name: [A-Z][A-Z0-9_]*.
bool looksLikeEnvName(const std::string& key);

/// A plugin's setting `key`: plugins.<pluginId>.<key> in the configuration;
/// else, for a key that looksLikeEnvName (MultiFlexi's ZABBIX_SERVER ...),
/// the env file's value, then the process environment's. Nothing for an
/// empty key, a key with a NUL byte, or a key set nowhere.
std::optional<std::string> pluginSetting(const Poco::Util::AbstractConfiguration& config, const std::string& pluginId,
                                         const std::string& key);

}  // namespace MultiFlexi
