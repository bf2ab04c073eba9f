// MultiFlexi plugin ABI v1 - the registration rules, in one place.
//
// Header-only C++17. The host and the fake host of mfx_testing.hpp both apply
// these checks, so a plugin that passes its unit tests against the fake host
// is accepted by the real one for the same reasons.
#ifndef MULTIFLEXI_MFX_RULES_HPP
#define MULTIFLEXI_MFX_RULES_HPP

#include <multiflexi/mfx_plugin.h>

#include <cstring>
#include <optional>
#include <string>

namespace mfx::rules {

namespace detail {
/// A reason when `id` is not 1-maxLength characters of [a-z0-9] and
/// `punctuation`, starting with a letter or digit.
inline std::optional<std::string> checkIdentifier(const char* id, const char* what,
                                                  std::size_t maxLength, const char* punctuation) {
  const std::string pattern = std::string("[a-z0-9][a-z0-9") + punctuation + "]*";
  if (id == nullptr || *id == '\0') return std::string(what) + " is NULL or empty";
  const std::size_t len = std::strlen(id);
  if (len > maxLength)
    return std::string(what) + " is longer than " + std::to_string(maxLength) + " characters";
  for (std::size_t i = 0; i < len; ++i) {
    const char c = id[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && !(i > 0 && std::strchr(punctuation, c) != nullptr))
      return std::string(what) + " '" + id + "' must match " + pattern;
  }
  return std::nullopt;
}
}  // namespace detail

/// Returns a reason when `id` is not a valid component id: 1-64 characters of
/// [a-z0-9_-], starting with a letter or digit.
inline std::optional<std::string> checkComponentId(const char* id) {
  return detail::checkIdentifier(id, "id", 64, "_-");
}

/// Returns a reason when `id` is not a valid plugin id: 1-128 characters of
/// [a-z0-9._-], starting with a letter or digit (reverse DNS).
inline std::optional<std::string> checkPluginId(const char* id) {
  return detail::checkIdentifier(id, "plugin_id", 128, "._-");
}

namespace detail {
inline std::optional<std::string> checkSize(const char* kind, std::size_t size, std::size_t min) {
  if (size < min)
    return std::string(kind) + " table of " + std::to_string(size) +
           " bytes is smaller than the ABI 1.0 layout (" + std::to_string(min) + " bytes)";
  return std::nullopt;
}
inline std::string missing(const char* kind, const char* id, const char* member) {
  return std::string(kind) + " '" + (id ? id : "?") + "': required member '" + member +
         "' is NULL";
}
}  // namespace detail

/// Checks an executor table the plugin registered with `size` bytes.
/// `table` must already be the host's zero-extended copy.
inline std::optional<std::string> checkExecutor(const mfx_executor& table, std::size_t size) {
  if (auto e = detail::checkSize("executor", size, MFX_EXECUTOR_SIZE_1_0)) return e;
  if (auto e = checkComponentId(table.id)) return "executor " + *e;
  if (table.display_name == nullptr) return detail::missing("executor", table.id, "display_name");
  if (table.start == nullptr) return detail::missing("executor", table.id, "start");
  if (table.cancel == nullptr) return detail::missing("executor", table.id, "cancel");
  if (table.destroy == nullptr) return detail::missing("executor", table.id, "destroy");
  return std::nullopt;
}

/// Checks a credential-type table (zero-extended copy) of `size` bytes.
inline std::optional<std::string> checkCredentialType(const mfx_credential_type& table,
                                                      std::size_t size) {
  if (auto e = detail::checkSize("credential type", size, MFX_CREDENTIAL_TYPE_SIZE_1_0)) return e;
  if (auto e = checkComponentId(table.id)) return "credential type " + *e;
  if (table.display_name == nullptr)
    return detail::missing("credential type", table.id, "display_name");
  if (table.schema_json == nullptr)
    return detail::missing("credential type", table.id, "schema_json");
  if (table.validate == nullptr) return detail::missing("credential type", table.id, "validate");
  if (table.resolve == nullptr) return detail::missing("credential type", table.id, "resolve");
  return std::nullopt;
}

/// Checks a monitor table (zero-extended copy) of `size` bytes.
inline std::optional<std::string> checkMonitor(const mfx_monitor& table, std::size_t size) {
  if (auto e = detail::checkSize("monitor", size, MFX_MONITOR_SIZE_1_0)) return e;
  if (auto e = checkComponentId(table.id)) return "monitor " + *e;
  if (table.display_name == nullptr) return detail::missing("monitor", table.id, "display_name");
  if (table.on_event == nullptr) return detail::missing("monitor", table.id, "on_event");
  if (table.event_mask == 0)
    return "monitor '" + std::string(table.id) + "': event_mask is 0 (it would receive nothing)";
  return std::nullopt;
}

/// Copies the first `size` bytes of a plugin's table into a zeroed host
/// struct: members the plugin did not know stay zero (NULL = absent).
template <class Table>
Table zeroExtendedCopy(const Table* source, std::size_t size) {
  Table copy;
  std::memset(static_cast<void*>(&copy), 0, sizeof copy);
  std::memcpy(static_cast<void*>(&copy), source, size < sizeof copy ? size : sizeof copy);
  copy.struct_size = static_cast<uint32_t>(sizeof copy);
  return copy;
}

/// Name of a result code, for messages.
inline const char* rcName(mfx_rc rc) {
  switch (rc) {
    case MFX_OK: return "MFX_OK";
    case MFX_E_INVALID: return "MFX_E_INVALID";
    case MFX_E_UNSUPPORTED: return "MFX_E_UNSUPPORTED";
    case MFX_E_NOT_FOUND: return "MFX_E_NOT_FOUND";
    case MFX_E_DENIED: return "MFX_E_DENIED";
    case MFX_E_UNAVAILABLE: return "MFX_E_UNAVAILABLE";
    default: return "MFX_E_INTERNAL";
  }
}

}  // namespace mfx::rules

#endif  // MULTIFLEXI_MFX_RULES_HPP
