// Company rules.
#include <boost/test/unit_test.hpp>

#include "common/Exceptions.h"
#include "domain/Company.h"

using namespace MultiFlexi;

namespace {
std::string messageOf(const Company& c) {
  try {
    validateCompany(c);
  } catch (const ValidationException& e) {
    return e.message();
  }
  return "(accepted)";
}
Company valid() {
  Company c;
  c.name = "Acme s.r.o.";
  c.slug = "ACME";
  return c;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(company_rules)

BOOST_AUTO_TEST_CASE(a_plain_company_is_valid) { BOOST_TEST(messageOf(valid()) == "(accepted)"); }

BOOST_AUTO_TEST_CASE(slug_rules) {
  Company c = valid();
  c.slug = "";
  BOOST_TEST(messageOf(c) == "slug: must not be empty");
  c.slug = "acme corp";
  BOOST_TEST(messageOf(c) == "slug: 'acme corp' must match [A-Za-z0-9][A-Za-z0-9_-]*");
  c.slug = "-acme";
  BOOST_TEST(messageOf(c).find("slug:") == 0);
  c.slug = "acme_2-cz";
  BOOST_TEST(messageOf(c) == "(accepted)");
}

BOOST_AUTO_TEST_CASE(email_timezone_and_environment_rules) {
  Company c = valid();
  c.email = "not-an-address";
  BOOST_TEST(messageOf(c) == "email: 'not-an-address' is not an e-mail address");
  c.email = "ucetni@acme.cz";
  BOOST_TEST(messageOf(c) == "(accepted)");
  c.timeZone = "Mars/Olympus";
  BOOST_TEST(messageOf(c).find("timezone: unknown time zone 'Mars/Olympus'") == 0);
  c.timeZone = "Europe/Prague";
  c.environment["ABRAFLEXI_COMPANY"] = "acme_s_r_o_";
  BOOST_TEST(messageOf(c) == "(accepted)");
  c.environment["BAD-NAME"] = "x";
  BOOST_TEST(messageOf(c).find("env: 'BAD-NAME' is not a variable name") == 0);
}

BOOST_AUTO_TEST_CASE(name_rules) {
  Company c = valid();
  c.name = std::string(256, 'x');
  BOOST_TEST(messageOf(c) == "name: longer than 255 bytes");
}

BOOST_AUTO_TEST_SUITE_END()
