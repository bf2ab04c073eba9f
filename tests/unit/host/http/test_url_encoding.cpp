// Query strings and form bodies: decoded, first value wins, malformed named.
#include <boost/test/unit_test.hpp>

#include "common/Exceptions.h"
#include "http/UrlEncoding.h"

using namespace MultiFlexi;

BOOST_AUTO_TEST_SUITE(url_encoding)

BOOST_AUTO_TEST_CASE(pairs_are_decoded_and_the_first_value_wins) {
  const auto q = parseUrlEncoded("limit=5&limit=7&name=a+b%26c&flag&&empty=", "query");
  BOOST_TEST(q.at("limit") == "5");
  BOOST_TEST(q.at("name") == "a b&c");
  BOOST_TEST(q.at("flag") == "");
  BOOST_TEST(q.at("empty") == "");
  BOOST_TEST(q.size() == 4u);
  BOOST_TEST(parseUrlEncoded("", "query").empty());
  BOOST_TEST(parseUrlEncoded("a=%00b", "body").at("a") == std::string("\0b", 2));
}

BOOST_AUTO_TEST_CASE(a_malformed_escape_names_the_field) {
  try {
    parseUrlEncoded("a=%zz", "query");
    BOOST_FAIL("accepted");
  } catch (const ValidationException& e) {
    BOOST_TEST(e.field() == "query");
    BOOST_TEST(e.reason() == "malformed percent-encoding");
  }
}

BOOST_AUTO_TEST_SUITE_END()
