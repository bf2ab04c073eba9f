// What executor plugins answered `can_run`, kept for the executor daemon's
// life so a job is judged before anything of it is prepared (no working
// directory, no credential helper for a refused job) and the application is
// not encoded as manifest JSON for every job.
//
// An answer belongs to an executor, an application as last updated (a
// re-imported manifest is asked about again) and the run template's image
// override (which changes the manifest the plugin judges). One answer is
// kept per executor, application and image.
//
// Threads: not thread-safe; the executor's loop thread owns it.
#pragma once

#include "domain/Application.h"
#include "plugin/ExecutorAdapter.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <tuple>

namespace MultiFlexi {

class CanRunCache {
 public:
  /// The reason `executor` cannot run `app` with `templateImage`, nothing
  /// when it can. Asks the plugin only when this executor, application
  /// version and image have no answer yet. Throws what the plugin call
  /// throws (nothing is kept then).
  std::optional<std::string> refusal(const ExecutorAdapter& executor, const Application& app,
                                     const std::optional<std::string>& templateImage);

  /// How many times a plugin was asked.
  std::size_t asked() const { return _asked; }

 private:
  struct Answer {
    Instant appUpdatedAt = 0;
    std::optional<std::string> refusal;
  };
  /// (executor id, application id, template image or "")
  std::map<std::tuple<std::string, int64_t, std::string>, Answer> _answers;
  std::size_t _asked = 0;
};

}  // namespace MultiFlexi
