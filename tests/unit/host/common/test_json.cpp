// parseJson: nesting bounded before anything recurses, with the JSON path.
#include <boost/test/unit_test.hpp>

#include "common/Exceptions.h"
#include "common/Json.h"

using namespace MultiFlexi;

namespace {

std::string nested(std::size_t depth, const std::string& open = "[", const std::string& close = "]") {
  std::string text;
  for (std::size_t i = 0; i < depth; ++i) text += open;
  for (std::size_t i = 0; i < depth; ++i) text += close;
  return text;
}

std::string refusal(const std::string& text, std::size_t maxDepth = kMaxJsonDepth) {
  try {
    parseJson(text, maxDepth);
  } catch (const ValidationException& e) {
    return e.message();
  }
  return "(parsed)";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(json_depth)

BOOST_AUTO_TEST_CASE(the_limit_itself_parses_one_more_level_does_not) {
  BOOST_TEST(refusal(nested(kMaxJsonDepth)) == "(parsed)");
  BOOST_TEST(refusal(nested(kMaxJsonDepth + 1)).find("nesting deeper than 64 levels") != std::string::npos);
  BOOST_TEST(refusal("[1, 2]", 1) == "(parsed)");
  BOOST_TEST(refusal("[[1]]", 1) == "$[0]: nesting deeper than 1 levels");
}

BOOST_AUTO_TEST_CASE(the_path_names_keys_and_indexes_to_the_level_that_is_too_deep) {
  BOOST_TEST(refusal(R"({"a": [1, {"b": {"c": 1}}]})", 3) == "$.a[1].b: nesting deeper than 3 levels");
  BOOST_TEST(refusal(R"({"x": [], "a": [0, 1, 2, [[]]]})", 3) == "$.a[3][0]: nesting deeper than 3 levels");
  // A key with control bytes is shown escaped.
  BOOST_TEST(refusal("{\"a\\u001b[2J\": [[]]}", 2) == "$.a\\x1b[2J[0]: nesting deeper than 2 levels");
}

BOOST_AUTO_TEST_CASE(fifty_thousand_levels_are_refused_without_recursing) {
  // The file of the report: deep enough to overflow any recursive reader.
  BOOST_TEST(refusal(nested(50000)) == "$" + [] {
    std::string p;
    for (std::size_t i = 0; i < kMaxJsonDepth; ++i) p += "[0]";
    return p;
  }() + ": nesting deeper than 64 levels");
  BOOST_TEST(refusal(nested(50000, "{\"k\":", "}")).find("$.k.k.k") == 0);
}

BOOST_AUTO_TEST_CASE(syntax_errors_still_say_where) {
  BOOST_CHECK_EXCEPTION(parseJson("{\"a\": [1, }"), nlohmann::json::parse_error, [](const auto& e) {
    return std::string(e.what()).find("line 1, column 11") != std::string::npos;
  });
  // Broken after a deep part that is within the limit: still a syntax error.
  BOOST_CHECK_THROW(parseJson(nested(10) + "]"), nlohmann::json::parse_error);
}

BOOST_AUTO_TEST_CASE(documents_within_the_limit_are_unchanged) {
  const OrderedJson doc = parseJson(R"({"z": 1, "a": [true, null, "x", {"k": 2.5}]})");
  BOOST_TEST(doc.dump() == R"({"z":1,"a":[true,null,"x",{"k":2.5}]})");
  BOOST_TEST(!jsonTooDeepAt(nested(64)).has_value());
  BOOST_TEST(jsonTooDeepAt(nested(65)).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
