// Turns a job event into what MultiFlexi sends to Zabbix (reference §9):
// the `multiflexi.job.lld` discovery on a new job (and on the first event of
// a template this process has not announced), and the job report JSON as
// item `job-[<company_code>-<app_code>-<runtemplate_id>]`. Keeps which
// templates it announced; called from one thread (the host's monitor queue).
#pragma once

#include "SenderProtocol.h"

#include <multiflexi/mfx_plugin.hpp>

#include <chrono>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace mfx::zabbix {

/// A value on its way, and whether it may race its own discovery.
struct Outgoing {
  SenderValue value;
  /// The first values of a template announced moments ago: sent alone, and
  /// once more after a delay when Zabbix reports it failed.
  bool fresh = false;
};

class JobReport {
 public:
  /// How long after a template's first discovery its values count as fresh.
  static constexpr std::chrono::seconds kFreshWindow{30};
  /// Announced templates remembered (then forgotten all at once).
  static constexpr std::size_t kMaxAnnounced = 100000;

  explicit JobReport(std::string fallbackHost);

  /// The values for one event, in sending order. `skipped` is set to the
  /// reason when the item value could not be built (missing codes).
  /// Throws std::invalid_argument when attributes_json is not a JSON object.
  std::vector<Outgoing> build(const JobEventView& event, std::chrono::system_clock::time_point now,
                              std::string& skipped);

  /// MultiFlexi's phase for an event kind (`created`, `jobStart`, `jobDone` ...).
  static const char* phaseOf(int32_t kind);

 private:
  struct Template {
    std::chrono::system_clock::time_point announced;
    int64_t lastNs = 0;  ///< clock*1e9+ns of its last value: Zabbix keeps one value per (item, clock, ns)
  };
  std::string _fallbackHost;
  std::map<std::string, Template> _announced;
};

}  // namespace mfx::zabbix
