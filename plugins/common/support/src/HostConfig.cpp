#include "HostConfig.h"

#include <cerrno>
#include <cstdlib>
#include <string>

namespace mfx::support {

std::chrono::milliseconds configMillis(const Host& host, const char* key, std::chrono::milliseconds fallback,
                                       Zero zero) {
  const std::optional<std::string> text = host.config(key);
  if (!text) return fallback;
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(text->c_str(), &end, 10);
  const long long least = zero == Zero::Allowed ? 0 : 1;
  if (text->empty() || *end != '\0' || errno != 0 || value < least)
    throw Invalid(std::string(key) + ": expected a " + (zero == Zero::Allowed ? "non-negative" : "positive") +
                  " number of milliseconds, got '" + *text + "'");
  return std::chrono::milliseconds(value);
}

std::size_t configCount(const Host& host, const char* key, std::size_t fallback, std::size_t least,
                        std::size_t most) {
  const std::optional<std::string> text = host.config(key);
  if (!text) return fallback;
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(text->c_str(), &end, 10);
  if (text->empty() || end != text->c_str() + text->size() || errno != 0 || value < static_cast<long long>(least) ||
      value > static_cast<long long>(most))
    throw Invalid(std::string(key) + ": expected a whole number from " + std::to_string(least) + " to " +
                  std::to_string(most) + ", got '" + *text + "'");
  return static_cast<std::size_t>(value);
}

bool configBool(const Host& host, const char* key, bool fallback) {
  const std::optional<std::string> text = host.config(key);
  if (!text) return fallback;
  if (*text == "true" || *text == "1" || *text == "yes") return true;
  if (*text == "false" || *text == "0" || *text == "no") return false;
  throw Invalid(std::string(key) + ": expected true or false, got '" + *text + "'");
}

}  // namespace mfx::support
