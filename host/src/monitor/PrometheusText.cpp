#include "monitor/PrometheusText.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace MultiFlexi {

namespace {

bool validName(std::string_view name, bool colon) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':');
    if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

bool endsWith(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

/// The length of the well-formed UTF-8 sequence starting at `s[i]` (RFC 3629:
/// no overlongs, surrogates or code points past U+10FFFF); 0 when it is not one.
std::size_t utf8Length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t n = 0;
  unsigned char low = 0x80, high = 0xBF;  // the second byte's range
  if (lead >= 0xC2 && lead <= 0xDF) n = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) n = 3, low = lead == 0xE0 ? 0xA0 : 0x80, high = lead == 0xED ? 0x9F : 0xBF;
  else if (lead >= 0xF0 && lead <= 0xF4) n = 4, low = lead == 0xF0 ? 0x90 : 0x80, high = lead == 0xF4 ? 0x8F : 0xBF;
  else return 0;
  if (n > s.size() - i || byte(1) < low || byte(1) > high) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (byte(k) < 0x80 || byte(k) > 0xBF) return 0;
  return n;
}

std::string escapeHelp(std::string_view help) {
  std::string out;
  for (char c : help) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

}  // namespace

Histogram::Histogram(std::vector<double> upperBounds) : bounds(std::move(upperBounds)), counts(bounds.size() + 1, 0) {
  if (!std::is_sorted(bounds.begin(), bounds.end()) ||
      std::adjacent_find(bounds.begin(), bounds.end()) != bounds.end())
    throw std::logic_error("histogram bounds must ascend strictly");
}

void Histogram::observe(double value) {
  const auto at = std::lower_bound(bounds.begin(), bounds.end(), value);  // le: value <= bound
  ++counts[static_cast<std::size_t>(at - bounds.begin())];
  sum += value;
  ++count;
}

std::string PrometheusText::escapeLabelValue(std::string_view value) {
  std::string out;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < value.size();) {
    const std::size_t n = utf8Length(value, i);
    const unsigned char c = static_cast<unsigned char>(value[i]);
    const std::size_t width = n == 0 ? 1 : n;
    if (kept + width > kMaxLabelValueBytes) {
      out += "\xE2\x80\xA6";  // …
      break;
    }
    kept += width;
    if (n == 0 || (n == 1 && ((c < 0x20 && c != '\n') || c == 0x7F))) out += "\xEF\xBF\xBD";  // U+FFFD
    else if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out.append(value.substr(i, n));
    i += width;
  }
  return out;
}

std::string PrometheusText::formatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[64];
  std::to_chars_result r;
  if (std::trunc(value) == value && std::fabs(value) < 9.007199254740992e15)  // exact as an integer
    r = std::to_chars(buffer, buffer + sizeof buffer, static_cast<int64_t>(value));
  else
    r = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest round trip
  return std::string(buffer, r.ptr);
}

void PrometheusText::family(const std::string& name, const std::string& type, const std::string& help) {
  if (!validName(name, true)) throw std::logic_error("not a metric name: " + name);
  if (type != "counter" && type != "gauge" && type != "histogram") throw std::logic_error("metric type " + type);
  if (type == "counter" && !endsWith(name, "_total")) throw std::logic_error("a counter's name ends in _total: " + name);
  if (!_families.insert(name).second) throw std::logic_error("metric family declared twice: " + name);
  _family = name;
  _type = type;
  _out += "# HELP " + name + " " + escapeHelp(help) + "\n";
  _out += "# TYPE " + name + " " + type + "\n";
}

void PrometheusText::sample(const std::string& name, const MetricLabels& labels, double value) {
  if (name != _family || _type == "histogram") throw std::logic_error("a sample of " + name + " outside its family");
  series(name, labels, value);
}

void PrometheusText::histogram(const std::string& name, const MetricLabels& labels, const Histogram& h) {
  if (name != _family || _type != "histogram") throw std::logic_error("a histogram " + name + " outside its family");
  uint64_t cumulative = 0;
  for (std::size_t i = 0; i <= h.bounds.size(); ++i) {
    cumulative += h.counts.at(i);
    MetricLabels withLe = labels;
    withLe.emplace_back("le", i < h.bounds.size() ? formatValue(h.bounds[i]) : "+Inf");
    series(name + "_bucket", withLe, static_cast<double>(cumulative));
  }
  series(name + "_sum", labels, h.sum);
  series(name + "_count", labels, static_cast<double>(h.count));
}

void PrometheusText::series(const std::string& name, const MetricLabels& labels, double value) {
  std::string line = name;
  if (!labels.empty()) {
    line += '{';
    for (std::size_t i = 0; i < labels.size(); ++i) {
      if (!validName(labels[i].first, false) || labels[i].first.rfind("__", 0) == 0)
        throw std::logic_error("not a label name: " + labels[i].first);
      if (i > 0) line += ',';
      line += labels[i].first + "=\"" + escapeLabelValue(labels[i].second) + "\"";
    }
    line += '}';
  }
  if (!_series.insert(line).second) throw std::logic_error("the same series twice: " + line);
  _out += line + " " + formatValue(value) + "\n";
}

}  // namespace MultiFlexi
