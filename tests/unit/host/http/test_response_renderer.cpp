// Rendering: JSON by default, YAML, XML and HTML escaped, never throwing on
// text that is not UTF-8.
#include <boost/test/unit_test.hpp>

#include "http/ResponseRenderer.h"

#include <yaml-cpp/yaml.h>

using namespace MultiFlexi;

namespace {

OrderedJson sample() {
  return OrderedJson::array({OrderedJson{{"id", 1}, {"name", "<b>&\"x'</b>"}, {"ok", true}},
                             OrderedJson{{"id", 2}, {"name", nullptr}, {"9bad key", "v"}}});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(response_renderer)

BOOST_AUTO_TEST_CASE(json_is_the_document) {
  const RenderedBody r = renderDocument(sample(), ResponseFormat::Json);
  BOOST_TEST(r.contentType == "application/json");
  BOOST_TEST(OrderedJson::parse(r.text) == sample());
}

BOOST_AUTO_TEST_CASE(yaml_reads_back_as_the_same_values) {
  const RenderedBody r = renderDocument(sample(), ResponseFormat::Yaml);
  BOOST_TEST(r.contentType == "application/yaml");
  const YAML::Node node = YAML::Load(r.text);
  BOOST_REQUIRE(node.IsSequence());
  BOOST_TEST(node[0]["id"].as<int>() == 1);
  BOOST_TEST(node[0]["name"].as<std::string>() == "<b>&\"x'</b>");
  BOOST_TEST(node[0]["ok"].as<bool>() == true);
  BOOST_TEST(node[1]["name"].IsNull());
  BOOST_TEST(node[1]["9bad key"].as<std::string>() == "v");
  // A string that looks like another type stays a string.
  const YAML::Node quoted = YAML::Load(renderDocument(OrderedJson{{"v", "true"}}, ResponseFormat::Yaml).text);
  BOOST_TEST(quoted["v"].Tag() == "!");
}

BOOST_AUTO_TEST_CASE(xml_escapes_text_and_keeps_odd_keys_as_attributes) {
  const RenderedBody r = renderDocument(sample(), ResponseFormat::Xml);
  BOOST_TEST(r.contentType == "application/xml");
  BOOST_TEST(r.text.find("<response><item><id>1</id><name>&lt;b&gt;&amp;&quot;x&#39;&lt;/b&gt;</name>") !=
             std::string::npos, r.text);
  BOOST_TEST(r.text.find("<item key=\"9bad key\">v</item>") != std::string::npos, r.text);
  BOOST_TEST(r.text.find("<name/>") != std::string::npos);
  // Control characters XML 1.0 cannot carry are dropped.
  const std::string nul = renderDocument(OrderedJson{{"v", std::string("a\0b\x1b", 4)}}, ResponseFormat::Xml).text;
  BOOST_TEST(nul.find("<v>ab</v>") != std::string::npos, nul);
}

BOOST_AUTO_TEST_CASE(html_is_an_escaped_table_with_links) {
  const RenderedBody r =
      renderDocument(sample(), ResponseFormat::Html, {{"json", "/x.json?a=\"><script>"}});
  BOOST_TEST(r.contentType == "text/html; charset=utf-8");
  BOOST_TEST(r.text.find("<script>") == std::string::npos);
  BOOST_TEST(r.text.find("<b>") == std::string::npos);
  BOOST_TEST(r.text.find("<th>id</th><th>name</th><th>ok</th><th>9bad key</th>") != std::string::npos, r.text);
  BOOST_TEST(r.text.find("<a href=\"/x.json?a=&quot;&gt;&lt;script&gt;\">json</a>") != std::string::npos, r.text);
}

BOOST_AUTO_TEST_CASE(text_that_is_not_utf8_is_replaced_not_refused) {
  const OrderedJson bad{{"v", std::string("\xff\xfe ok")}};
  for (ResponseFormat f : {ResponseFormat::Json, ResponseFormat::Yaml, ResponseFormat::Xml, ResponseFormat::Html}) {
    const RenderedBody r = renderDocument(bad, f);
    BOOST_TEST(r.text.find(" ok") != std::string::npos, formatName(f));
    BOOST_TEST(r.text.find('\xff') == std::string::npos, formatName(f));
  }
}

BOOST_AUTO_TEST_SUITE_END()
