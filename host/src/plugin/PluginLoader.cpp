#include "plugin/PluginLoader.h"

#include "plugin/HostApi.h"

#include <multiflexi/mfx_rules.hpp>

#include <Poco/Format.h>
#include <Poco/Logger.h>

#include <dlfcn.h>

namespace MultiFlexi {

namespace {

constexpr int kLoadMode = RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE;  // never unmapped

/// Boost.DLL wraps dlerror() in its own text; keep only the system message.
std::string loadError(const std::string& what) {
  const std::string marker = "dlerror system message: ";
  const std::size_t at = what.find(marker);
  if (at == std::string::npos) return what;
  std::string message = what.substr(at + marker.size());
  const std::size_t end = message.rfind(')');  // "...(dlerror system message: X): <errno text>"
  return end == std::string::npos ? message : message.substr(0, end);
}

void refuse(PluginRecord& record, const std::string& reason) {
  record.status = PluginRecord::Status::Refused;
  record.reason = reason;
}

}  // namespace

void releaseComponents(mfx_host_ctx& ctx) {
  std::lock_guard<std::mutex> lock(ctx.mutex);
  for (auto& m : ctx.monitors)
    if (m.free_type_data) m.free_type_data(m.type_data);
  for (auto& c : ctx.credentialTypes)
    if (c.free_type_data) c.free_type_data(c.type_data);
  for (auto& e : ctx.executors)
    if (e.free_type_data) e.free_type_data(e.type_data);
  ctx.monitors.clear();
  ctx.credentialTypes.clear();
  ctx.executors.clear();
}

PluginLoader::PluginLoader(const Poco::Util::AbstractConfiguration& config, OwnerLookup owners)
    : _config(config), _owners(std::move(owners)) {}

LoadResult PluginLoader::load(const std::string& path) const {
  LoadResult result;
  result.record.path = path;
  try {
    result.library.emplace(boost::dll::fs::path(path),
                           static_cast<boost::dll::load_mode::type>(kLoadMode));
  } catch (const std::exception& e) {
    refuse(result.record, "cannot be loaded: " + loadError(e.what()));
    return result;
  }
  if (!readStamp(result) || !initialize(result)) return result;
  if (!checkConflicts(result)) {
    releaseComponents(*result.context);
    return result;
  }
  PluginRecord& record = result.record;
  record.status = PluginRecord::Status::Loaded;
  for (const auto& e : result.context->executors)
    record.components.push_back({"executor", e.id, e.display_name, e.description ? e.description : ""});
  for (const auto& c : result.context->credentialTypes)
    record.components.push_back(
        {"credential-type", c.id, c.display_name, c.description ? c.description : ""});
  for (const auto& m : result.context->monitors)
    record.components.push_back({"monitor", m.id, m.display_name, ""});
  return result;
}

bool PluginLoader::readStamp(LoadResult& result) const {
  PluginRecord& record = result.record;
  boost::dll::shared_library& lib = *result.library;
  if (!lib.has(MFX_PLUGIN_ABI_SYMBOL)) {
    refuse(record, "no ABI stamp: the file does not export mfx_plugin_abi (not a MultiFlexi "
                   "plugin, or not built with the SDK)");
    return false;
  }
  const mfx_abi_stamp* stamp = lib.get<const mfx_abi_stamp*()>(MFX_PLUGIN_ABI_SYMBOL)();
  if (stamp == nullptr) {
    refuse(record, "mfx_plugin_abi() returned NULL");
    return false;
  }
  if (stamp->magic != MFX_ABI_MAGIC) {
    refuse(record, Poco::format("bad ABI magic 0x%08X (expected 0x%08X, \"MFXP\"): the stamp is "
                                "not a MultiFlexi plugin stamp",
                                static_cast<unsigned>(stamp->magic), static_cast<unsigned>(MFX_ABI_MAGIC)));
    return false;
  }
  record.abiMajor = stamp->abi_major;
  record.abiMinor = stamp->abi_minor;
  if (auto reason = mfx::rules::checkPluginId(stamp->plugin_id)) {
    refuse(record, *reason);
    return false;
  }
  record.pluginId = stamp->plugin_id;
  record.pluginVersion = stamp->plugin_version ? stamp->plugin_version : "";
  if (stamp->abi_major != MFX_ABI_MAJOR) {
    refuse(record, Poco::format("incompatible ABI: built for %d.%d, this host implements %d.%d "
                                "(the major version must match)",
                                record.abiMajor, record.abiMinor, MFX_ABI_MAJOR, MFX_ABI_MINOR));
    return false;
  }
  if (auto owner = _owners("plugin", record.pluginId)) {
    refuse(record, "plugin id '" + record.pluginId + "' is already loaded from " + *owner);
    return false;
  }
  if (stamp->abi_minor > MFX_ABI_MINOR) {
    const std::string warning =
        Poco::format("built for ABI %d.%d, this host implements %d.%d: features newer than %d.%d "
                     "are unavailable to it",
                     record.abiMajor, record.abiMinor, MFX_ABI_MAJOR, MFX_ABI_MINOR,
                     MFX_ABI_MAJOR, MFX_ABI_MINOR);
    record.warnings.push_back(warning);
    Poco::Logger::get("multiflexi.plugins").warning("%s: %s", record.path, warning);
  }
  return true;
}

bool PluginLoader::initialize(LoadResult& result) const {
  PluginRecord& record = result.record;
  boost::dll::shared_library& lib = *result.library;
  if (!lib.has(MFX_PLUGIN_INIT_SYMBOL)) {
    refuse(record, "the file exports no mfx_plugin_init entry point");
    return false;
  }
  auto& init = lib.get<mfx_rc(const mfx_host_api*, mfx_host_ctx*, mfx_status*)>(MFX_PLUGIN_INIT_SYMBOL);
  result.context = std::make_unique<mfx_host_ctx>(
      record.pluginId, Poco::Logger::get("plugin." + record.pluginId), _config);
  mfx_host_ctx& ctx = *result.context;
  {
    std::lock_guard<std::mutex> lock(ctx.mutex);
    ctx.initializing = true;
    ctx.initThread = std::this_thread::get_id();
  }
  mfx_status status;
  mfx_rc rc;
  try {
    rc = init(hostApi(), &ctx, &status);
  } catch (...) {
    rc = MFX_E_INTERNAL;
    status.message = "an exception escaped mfx_plugin_init (C++ plugins must not let exceptions "
                     "cross the C ABI; the SDK's MFX_PLUGIN macro catches them)";
  }
  std::vector<std::string> errors;
  {
    std::lock_guard<std::mutex> lock(ctx.mutex);
    ctx.initializing = false;
    errors = ctx.registrationErrors;
  }
  if (rc != MFX_OK) {
    refuse(record, Poco::format("mfx_plugin_init failed with %s%s", std::string(mfx::rules::rcName(rc)),
                                status.message.empty() ? std::string() : ": " + status.message));
  } else if (!errors.empty()) {
    std::string reason = "registration refused: " + errors.front();
    if (errors.size() > 1) reason += Poco::format(" (and %z more)", errors.size() - 1);
    refuse(record, reason);
  } else if (ctx.executors.empty() && ctx.credentialTypes.empty() && ctx.monitors.empty()) {
    refuse(record, "mfx_plugin_init registered no components");
  } else {
    return true;
  }
  releaseComponents(ctx);
  return false;
}

bool PluginLoader::checkConflicts(LoadResult& result) const {
  const mfx_host_ctx& ctx = *result.context;
  auto conflict = [&](const std::string& kind, const std::string& id) {
    if (auto owner = _owners(kind, id)) {
      refuse(result.record, kind + " id '" + id + "' is already registered by " + *owner);
      return true;
    }
    return false;
  };
  for (const auto& e : ctx.executors)
    if (conflict("executor", e.id)) return false;
  for (const auto& c : ctx.credentialTypes)
    if (conflict("credential-type", c.id)) return false;
  for (const auto& m : ctx.monitors)
    if (conflict("monitor", m.id)) return false;
  return true;
}

}  // namespace MultiFlexi
