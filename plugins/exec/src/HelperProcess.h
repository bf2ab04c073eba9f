// Runs a credential helper: `/bin/sh -c COMMAND` in its own process group,
// with a minimal environment, `input` on its stdin, and a deadline after
// which the whole group is killed. Captures stdout (bounded) and the tail
// of stderr.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace mfx::exec {

struct HelperResult {
  int exitCode = -1;      ///< -1 when killed by a signal
  int signal = 0;
  bool timedOut = false;
  bool outputTooLarge = false;
  std::string out;
  std::string errTail;    ///< the last bytes of stderr, for the error message
};

/// Runs `command` with `environment`; throws mfx::Unavailable when it cannot
/// be started.
HelperResult runHelper(const std::string& command, const std::vector<std::pair<std::string, std::string>>& environment,
                       const std::string& input, std::chrono::milliseconds timeout, std::size_t maxOutput);

}  // namespace mfx::exec
