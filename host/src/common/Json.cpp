#include "common/Json.h"

#include "common/Exceptions.h"
#include "common/TerminalText.h"

#include <vector>

namespace MultiFlexi {

namespace {

/// Counts nesting while nlohmann's (iterative) SAX parser reads; stops at the
/// first container past the limit and remembers its path.
class DepthScan : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit DepthScan(std::size_t maxDepth) : _maxDepth(maxDepth) {}

  std::optional<std::string> tooDeepAt;

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override { return open(false); }
  bool start_array(std::size_t) override { return open(true); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& name) override {
    _frames.back().key = name;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  struct Frame {
    bool array = false;
    std::size_t next = 0;  // index of the next element (arrays)
    std::string key;       // current member (objects)
  };

  /// A value begins: in an array it takes the next index.
  bool value() {
    if (!_frames.empty() && _frames.back().array) ++_frames.back().next;
    return true;
  }
  bool open(bool array) {
    value();
    if (_frames.size() >= _maxDepth) {
      tooDeepAt = path();
      return false;
    }
    _frames.push_back({array, 0, {}});
    return true;
  }
  bool close() {
    _frames.pop_back();
    return true;
  }
  std::string path() const {
    std::string out = "$";
    for (const Frame& f : _frames) {
      if (f.array)
        out += "[" + std::to_string(f.next - 1) + "]";
      else
        out += "." + escapeControls(f.key);
    }
    return out;
  }

  std::size_t _maxDepth;
  std::vector<Frame> _frames;
};

}  // namespace

std::optional<std::string> jsonTooDeepAt(std::string_view text, std::size_t maxDepth) {
  DepthScan scan(maxDepth);
  nlohmann::json::sax_parse(text, &scan);
  return scan.tooDeepAt;
}

OrderedJson parseJson(std::string_view text, std::size_t maxDepth) {
  if (auto at = jsonTooDeepAt(text, maxDepth))
    throw ValidationException(*at + ": nesting deeper than " + std::to_string(maxDepth) + " levels");
  return OrderedJson::parse(text);
}

std::optional<std::string> extraMembers(const OrderedJson& object, const std::set<std::string>& known) {
  OrderedJson extra = OrderedJson::object();
  for (const auto& [key, value] : object.items())
    if (!known.count(key)) extra[key] = value;
  if (extra.empty()) return std::nullopt;
  return extra.dump();
}

}  // namespace MultiFlexi
