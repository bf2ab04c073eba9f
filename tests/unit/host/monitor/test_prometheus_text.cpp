// The Prometheus text exposition as the format says it: HELP/TYPE once per
// family, escaped label values (quotes, backslashes, newlines; NUL, other
// control bytes and broken UTF-8 replaced; huge values cut), exact values,
// cumulative histograms ending at +Inf, and the caller's mistakes refused.
#define BOOST_TEST_MODULE prometheus_text
#include <boost/test/unit_test.hpp>

#include "monitor/PrometheusText.h"

#include <cmath>
#include <limits>
#include <stdexcept>

using namespace MultiFlexi;

namespace {

/// The lines of `text` that do not start with '#'.
std::vector<std::string> samples(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = text.find('\n', at);
    const std::string line = text.substr(at, end - at);
    if (!line.empty() && line[0] != '#') out.push_back(line);
    at = end + 1;
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(prometheus_text)

BOOST_AUTO_TEST_CASE(a_family_has_help_and_type_then_its_samples) {
  PrometheusText out;
  out.family("multiflexi_runs_total", "counter", "Runs that ended\nby outcome, a \\ too");
  out.sample("multiflexi_runs_total", {{"company", "acme"}, {"outcome", "success"}}, 3);
  out.sample("multiflexi_runs_total", {{"company", "acme"}, {"outcome", "failed"}}, 0);
  out.family("multiflexi_queue_depth", "gauge", "Due jobs");
  out.sample("multiflexi_queue_depth", {}, 7);
  BOOST_TEST(out.text() ==
             "# HELP multiflexi_runs_total Runs that ended\\nby outcome, a \\\\ too\n"
             "# TYPE multiflexi_runs_total counter\n"
             "multiflexi_runs_total{company=\"acme\",outcome=\"success\"} 3\n"
             "multiflexi_runs_total{company=\"acme\",outcome=\"failed\"} 0\n"
             "# HELP multiflexi_queue_depth Due jobs\n"
             "# TYPE multiflexi_queue_depth gauge\n"
             "multiflexi_queue_depth 7\n");
}

BOOST_AUTO_TEST_CASE(label_values_escape_quotes_backslashes_and_newlines) {
  BOOST_TEST(PrometheusText::escapeLabelValue("a\"b") == "a\\\"b");
  BOOST_TEST(PrometheusText::escapeLabelValue("C:\\jobs\\") == "C:\\\\jobs\\\\");
  BOOST_TEST(PrometheusText::escapeLabelValue("two\nlines") == "two\\nlines");
  BOOST_TEST(PrometheusText::escapeLabelValue("\"} 1\nevil_total 9") == "\\\"} 1\\nevil_total 9");
  BOOST_TEST(PrometheusText::escapeLabelValue("Účetnictví s.r.o. ✓") == "Účetnictví s.r.o. ✓");
  BOOST_TEST(PrometheusText::escapeLabelValue("x' OR 1=1; DROP TABLE job;--") == "x' OR 1=1; DROP TABLE job;--");
  BOOST_TEST(PrometheusText::escapeLabelValue("") == "");
}

BOOST_AUTO_TEST_CASE(nul_control_bytes_and_broken_utf8_become_replacement_characters) {
  const std::string fffd = "\xEF\xBF\xBD";
  BOOST_TEST(PrometheusText::escapeLabelValue(std::string("a\0b", 3)) == "a" + fffd + "b");
  BOOST_TEST(PrometheusText::escapeLabelValue("\x1b[2J\r\t\x7f") == fffd + "[2J" + fffd + fffd + fffd);
  BOOST_TEST(PrometheusText::escapeLabelValue("\xC3") == fffd);            // cut sequence
  BOOST_TEST(PrometheusText::escapeLabelValue("\xC0\xAF") == fffd + fffd);  // overlong '/'
  BOOST_TEST(PrometheusText::escapeLabelValue("\xED\xA0\x80") == fffd + fffd + fffd);  // a surrogate
  BOOST_TEST(PrometheusText::escapeLabelValue("\xF4\x90\x80\x80") == fffd + fffd + fffd + fffd);  // past U+10FFFF
}

BOOST_AUTO_TEST_CASE(a_huge_label_value_is_cut_at_a_character_boundary) {
  const std::string huge(1 << 20, 'x');
  const std::string cut = PrometheusText::escapeLabelValue(huge);
  BOOST_TEST(cut == std::string(kMaxLabelValueBytes, 'x') + "\xE2\x80\xA6");
  // Two-byte characters: never half of one.
  std::string wide;
  for (int i = 0; i < 1000; ++i) wide += "č";
  const std::string cutWide = PrometheusText::escapeLabelValue(wide);
  BOOST_TEST(cutWide.size() == kMaxLabelValueBytes + 3);
  BOOST_TEST(cutWide.substr(0, 4) == "čč");
  BOOST_TEST(cutWide.substr(kMaxLabelValueBytes - 2, 2) == "č");
}

BOOST_AUTO_TEST_CASE(values_are_written_exactly) {
  BOOST_TEST(PrometheusText::formatValue(0) == "0");
  BOOST_TEST(PrometheusText::formatValue(42) == "42");
  BOOST_TEST(PrometheusText::formatValue(-3) == "-3");
  BOOST_TEST(PrometheusText::formatValue(1796601600.5) == "1796601600.5");
  BOOST_TEST(PrometheusText::formatValue(0.1) == "0.1");
  BOOST_TEST(PrometheusText::formatValue(1e300) == "1e+300");
  BOOST_TEST(PrometheusText::formatValue(18446744073709551615.0) == "18446744073709551616");  // 2^64, exact
  BOOST_TEST(PrometheusText::formatValue(std::numeric_limits<double>::infinity()) == "+Inf");
  BOOST_TEST(PrometheusText::formatValue(-std::numeric_limits<double>::infinity()) == "-Inf");
  BOOST_TEST(PrometheusText::formatValue(std::nan("")) == "NaN");
}

BOOST_AUTO_TEST_CASE(a_histogram_is_cumulative_and_ends_at_inf) {
  Histogram h({1, 5, 10});
  for (double v : {0.5, 1.0, 1.5, 7.0, 7.0, 100.0}) h.observe(v);
  PrometheusText out;
  out.family("multiflexi_run_duration_seconds", "histogram", "How long runs ran");
  out.histogram("multiflexi_run_duration_seconds", {{"template", "3"}}, h);
  const std::vector<std::string> lines = samples(out.text());
  BOOST_TEST((lines == std::vector<std::string>{
                           "multiflexi_run_duration_seconds_bucket{template=\"3\",le=\"1\"} 2",
                           "multiflexi_run_duration_seconds_bucket{template=\"3\",le=\"5\"} 3",
                           "multiflexi_run_duration_seconds_bucket{template=\"3\",le=\"10\"} 5",
                           "multiflexi_run_duration_seconds_bucket{template=\"3\",le=\"+Inf\"} 6",
                           "multiflexi_run_duration_seconds_sum{template=\"3\"} 117",
                           "multiflexi_run_duration_seconds_count{template=\"3\"} 6",
                       }));
  // An empty histogram still has every bucket, all zero.
  PrometheusText empty;
  empty.family("multiflexi_latency_seconds", "histogram", "Latency");
  empty.histogram("multiflexi_latency_seconds", {}, Histogram({0.5}));
  BOOST_TEST((samples(empty.text()) ==
              std::vector<std::string>{"multiflexi_latency_seconds_bucket{le=\"0.5\"} 0",
                                       "multiflexi_latency_seconds_bucket{le=\"+Inf\"} 0",
                                       "multiflexi_latency_seconds_sum 0", "multiflexi_latency_seconds_count 0"}));
}

BOOST_AUTO_TEST_CASE(hostile_label_values_stay_inside_their_quotes) {
  PrometheusText out;
  out.family("multiflexi_up", "gauge", "x");
  out.sample("multiflexi_up", {{"template_name", "a\"} 1\nmultiflexi_up{x=\"y"}, {"company", std::string("\0", 1)}}, 1);
  const auto lines = samples(out.text());
  BOOST_REQUIRE(lines.size() == 1u);  // no injected sample
  BOOST_TEST(lines[0] == "multiflexi_up{template_name=\"a\\\"} 1\\nmultiflexi_up{x=\\\"y\",company=\"\xEF\xBF\xBD\"} 1");
}

BOOST_AUTO_TEST_CASE(the_callers_mistakes_are_refused) {
  PrometheusText out;
  BOOST_CHECK_THROW(out.family("9lives", "gauge", "x"), std::logic_error);
  BOOST_CHECK_THROW(out.family("a-b", "gauge", "x"), std::logic_error);
  BOOST_CHECK_THROW(out.family("multiflexi_runs", "counter", "x"), std::logic_error);  // no _total
  BOOST_CHECK_THROW(out.family("multiflexi_x", "summary", "x"), std::logic_error);
  BOOST_CHECK_THROW(out.sample("multiflexi_x", {}, 1), std::logic_error);  // before its family
  out.family("multiflexi_x", "gauge", "x");
  BOOST_CHECK_THROW(out.family("multiflexi_x", "gauge", "again"), std::logic_error);
  out.sample("multiflexi_x", {{"a", "1"}}, 1);
  BOOST_CHECK_THROW(out.sample("multiflexi_x", {{"a", "1"}}, 2), std::logic_error);  // the same series twice
  BOOST_CHECK_THROW(out.sample("multiflexi_x", {{"bad name", "1"}}, 2), std::logic_error);
  BOOST_CHECK_THROW(out.sample("multiflexi_x", {{"__reserved", "1"}}, 2), std::logic_error);
  BOOST_CHECK_THROW(out.histogram("multiflexi_x", {}, Histogram({1})), std::logic_error);  // not a histogram family
  BOOST_CHECK_THROW(Histogram({5, 1}), std::logic_error);
  BOOST_CHECK_THROW(Histogram({1, 1}), std::logic_error);
}

BOOST_AUTO_TEST_SUITE_END()
