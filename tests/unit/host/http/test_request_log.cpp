// The request log never shows a password or a token.
#include <boost/test/unit_test.hpp>

#include "http/RequestLog.h"

using namespace MultiFlexi;

BOOST_AUTO_TEST_SUITE(request_log)

BOOST_AUTO_TEST_CASE(a_login_query_is_dropped_entirely) {
  BOOST_TEST(loggableTarget("/api/x/login.json", "username=a&password=SECRET") == "/api/x/login.json");
  BOOST_TEST(loggableTarget("/api/x/login", "u=a&p=SECRET") == "/api/x/login");
  BOOST_TEST(loggableTarget("/api/x/LOG%49N.json", "password=SECRET") == "/api/x/LOG%49N.json");
}

BOOST_AUTO_TEST_CASE(password_and_token_values_are_redacted_elsewhere) {
  BOOST_TEST(loggableTarget("/jobs.json", "limit=5&password=SECRET&Token=T0K&pass%77ord=S2&x") ==
             "/jobs.json?limit=5&password=***&Token=***&pass%77ord=***&x");
  BOOST_TEST(loggableTarget("/jobs.json", "") == "/jobs.json");
}

BOOST_AUTO_TEST_CASE(control_characters_are_escaped) {
  BOOST_TEST(loggableTarget("/a\nb", "") == "/a\\x0ab");
}

BOOST_AUTO_TEST_SUITE_END()
