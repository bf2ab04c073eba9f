// A plugin's configuration keys (Host::config) read as typed values; a
// malformed value throws mfx::Invalid naming the key and what was expected.
#pragma once

#include <multiflexi/mfx_plugin.hpp>

#include <chrono>
#include <cstddef>

namespace mfx::support {

/// Whether 0 is a valid number of milliseconds for a key.
enum class Zero { Allowed, Refused };

/// The key as whole milliseconds, or `fallback` when unset.
std::chrono::milliseconds configMillis(const Host& host, const char* key, std::chrono::milliseconds fallback,
                                       Zero zero);
/// The key as a whole number from `least` to `most`, or `fallback` when unset.
std::size_t configCount(const Host& host, const char* key, std::size_t fallback, std::size_t least,
                        std::size_t most);
/// The key as true/1/yes or false/0/no, or `fallback` when unset.
bool configBool(const Host& host, const char* key, bool fallback);

}  // namespace mfx::support
