// The session cookie as read from requests: one mfx_session cookie is an
// attempt, none or several are none; changes carry the CSRF header.
#include <boost/test/unit_test.hpp>

#include "http/Cookie.h"

#include <Poco/Net/HTTPRequest.h>

#include <vector>

using namespace MultiFlexi;

namespace {

Poco::Net::HTTPRequest withCookies(const std::vector<std::string>& headers, const std::string& method = "GET") {
  Poco::Net::HTTPRequest request(method, "/");
  for (const std::string& h : headers) request.add("Cookie", h);
  return request;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cookie)

BOOST_AUTO_TEST_CASE(the_one_session_cookie_is_read_among_others) {
  BOOST_TEST(*sessionCookieOf(withCookies({"mfx_session=abc"})) == "abc");
  BOOST_TEST(*sessionCookieOf(withCookies({"theme=dark; mfx_session=abc; lang=cs"})) == "abc");
  BOOST_TEST(*sessionCookieOf(withCookies({"theme=dark", "mfx_session=abc"})) == "abc");  // two Cookie headers
  BOOST_TEST(*sessionCookieOf(withCookies({"  mfx_session = abc  "})) == "abc");
}

BOOST_AUTO_TEST_CASE(none_several_or_another_name_are_no_session) {
  BOOST_TEST(!sessionCookieOf(withCookies({})));
  BOOST_TEST(!sessionCookieOf(withCookies({""})));
  BOOST_TEST(!sessionCookieOf(withCookies({"theme=dark"})));
  BOOST_TEST(!sessionCookieOf(withCookies({"MFX_SESSION=abc"})));  // names are case-sensitive
  BOOST_TEST(!sessionCookieOf(withCookies({"mfx_session_old=abc"})));
  BOOST_TEST(!sessionCookieOf(withCookies({"mfx_session=abc; mfx_session=def"})));
  BOOST_TEST(!sessionCookieOf(withCookies({"mfx_session=abc", "mfx_session=abc"})));
  std::string many;
  for (int i = 0; i < 2000; ++i) many += "c" + std::to_string(i) + "=v; ";
  BOOST_TEST(*sessionCookieOf(withCookies({many + "mfx_session=abc"})) == "abc");
}

BOOST_AUTO_TEST_CASE(hostile_values_are_passed_on_as_they_are_for_the_catalog_to_refuse) {
  const std::string nul("mfx_session=ab\0cd", 17);
  const auto value = sessionCookieOf(withCookies({nul}));
  BOOST_TEST((!value || value->find("ab") == 0));  // whatever Poco makes of it, it is no valid session
  const auto huge = sessionCookieOf(withCookies({"mfx_session=" + std::string(100'000, 'a')}));
  BOOST_REQUIRE(huge);
  BOOST_TEST(huge->size() == 100'000u);
}

BOOST_AUTO_TEST_CASE(a_change_carries_the_csrf_header_a_read_need_not) {
  auto get = withCookies({"mfx_session=abc"});
  get.set("X-CSRF-Token", "t0k");
  auto a = sessionAttempt(get, "10.0.0.1");
  BOOST_REQUIRE(a);
  BOOST_TEST((a->scheme == AuthAttempt::Scheme::Session));
  BOOST_TEST(a->secret == "abc");
  BOOST_TEST(a->remoteAddress == "10.0.0.1");
  BOOST_TEST(!a->csrfRequired);
  for (const char* method : {"HEAD", "OPTIONS"}) BOOST_TEST(!sessionAttempt(withCookies({"mfx_session=abc"}, method), "::1")->csrfRequired);
  for (const char* method : {"POST", "PUT", "PATCH", "DELETE", "FOO"}) {
    auto change = withCookies({"mfx_session=abc"}, method);
    change.set("x-csrf-token", "t0k");  // header names without case
    a = sessionAttempt(change, "::1");
    BOOST_REQUIRE(a);
    BOOST_TEST(a->csrfRequired);
    BOOST_TEST(a->csrfToken == "t0k");
  }
  BOOST_TEST(sessionAttempt(withCookies({"mfx_session=abc"}, "POST"), "::1")->csrfToken.empty());
  BOOST_TEST(!sessionAttempt(withCookies({"theme=dark"}, "POST"), "::1"));
}

BOOST_AUTO_TEST_SUITE_END()
