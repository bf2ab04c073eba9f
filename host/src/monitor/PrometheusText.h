// Writes the Prometheus text exposition format 0.0.4 (what GET /metrics
// answers): for each metric family one "# HELP" and one "# TYPE" line, then
// its samples, `name{label="value",...} value`. Hand-written: Debian 12
// packages no Prometheus client library for C++ (prometheus-cpp is not in
// bookworm) and the format is a few rules:
//  - label values escape `\` as `\\`, `"` as `\"` and a newline as `\n`;
//    other control bytes (NUL ...) and bytes that are not UTF-8 become
//    U+FFFD, and a value is cut at kMaxLabelValueBytes (a UTF-8 boundary)
//    with "…" appended, so that hostile names never break a scrape;
//  - HELP text escapes `\` and newlines;
//  - values are written exactly: whole numbers as integers, others in the
//    shortest text that reads back to the same double, `+Inf`, `-Inf`, `NaN`;
//  - histograms give cumulative `_bucket{le="..."}` series ending at
//    `le="+Inf"` (= `_count`), then `_sum` and `_count`.
// Metric and label names are the caller's literals: a name the format does
// not allow, a family declared twice, a sample before its family or the same
// series twice is a bug of the caller (std::logic_error).
//
// Threads: one writer per thread; no shared state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace MultiFlexi {

/// Label name -> value, in the order they are written.
using MetricLabels = std::vector<std::pair<std::string, std::string>>;

/// Observations counted in buckets by upper bound (not cumulative here).
struct Histogram {
  std::vector<double> bounds;   ///< ascending upper bounds, +Inf excluded
  std::vector<uint64_t> counts; ///< per bound, plus one for above the last
  double sum = 0;
  uint64_t count = 0;

  explicit Histogram(std::vector<double> upperBounds = {});
  void observe(double value);
};

constexpr std::size_t kMaxLabelValueBytes = 256;

class PrometheusText {
 public:
  /// Declares family `name` of `type` ("counter", "gauge", "histogram").
  void family(const std::string& name, const std::string& type, const std::string& help);
  /// One sample of the family last declared; `name` is the family's name
  /// (or, for a histogram, handled by histogram()).
  void sample(const std::string& name, const MetricLabels& labels, double value);
  /// Every series of one histogram of the family last declared.
  void histogram(const std::string& name, const MetricLabels& labels, const Histogram& h);
  /// The document so far.
  const std::string& text() const { return _out; }

  /// A label value as the format writes it between quotes.
  static std::string escapeLabelValue(std::string_view value);
  /// A sample value as the format writes it.
  static std::string formatValue(double value);

 private:
  void series(const std::string& name, const MetricLabels& labels, double value);
  std::string _out;
  std::string _family;
  std::string _type;
  std::set<std::string> _families;
  std::set<std::string> _series;
};

}  // namespace MultiFlexi
