// Authorization headers: Basic and Bearer, anything else no attempt.
#include <boost/test/unit_test.hpp>

#include "http/Authorization.h"

#include <vector>

using namespace MultiFlexi;

BOOST_AUTO_TEST_SUITE(authorization)

BOOST_AUTO_TEST_CASE(basic_and_bearer_become_attempts) {
  auto a = parseAuthorization("Basic YWRtaW46cGE6c3M=", "10.0.0.1");  // admin:pa:ss
  BOOST_REQUIRE(a);
  BOOST_TEST((a->scheme == AuthAttempt::Scheme::Password));
  BOOST_TEST(a->login == "admin");
  BOOST_TEST(a->secret == "pa:ss");
  BOOST_TEST(a->remoteAddress == "10.0.0.1");
  a = parseAuthorization("bearer abc123", "::1");
  BOOST_REQUIRE(a);
  BOOST_TEST((a->scheme == AuthAttempt::Scheme::Token));
  BOOST_TEST(a->secret == "abc123");
  BOOST_TEST(a->login.empty());
}

BOOST_AUTO_TEST_CASE(malformed_headers_are_no_attempt) {
  for (const std::string& h : std::vector<std::string>{"", "Basic", "Basic ", "Basic !!!!", "Basic YWRtaW4=" /* no colon */,
                              "Basic OnNlY3JldA==" /* empty login */, "Basic YWRtaW46" /* empty password */,
                              "Bearer", "Bearer a b", "Digest abc", "Token abc", std::string("Bearer \0x", 9)})
    BOOST_TEST(!parseAuthorization(h, "127.0.0.1"), h);
}

BOOST_AUTO_TEST_SUITE_END()
