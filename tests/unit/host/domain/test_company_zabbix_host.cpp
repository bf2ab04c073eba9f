// A company's Zabbix host name: Zabbix's own rule (1-128 of [0-9A-Za-z ._-]),
// hostile values refused with the field named.
#include <boost/test/unit_test.hpp>

#include "common/Exceptions.h"
#include "domain/Company.h"

using namespace MultiFlexi;

namespace {

Company withHost(std::string host) {
  Company c;
  c.name = "Demo";
  c.slug = "demo";
  c.zabbixHost = std::move(host);
  return c;
}

void refused(const std::string& host) {
  BOOST_TEST_CONTEXT(host.size() << " bytes") {
    try {
      validateCompany(withHost(host));
      BOOST_ERROR("accepted");
    } catch (const ValidationException& e) {
      BOOST_TEST(e.field() == "zabbix_host");
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(company_zabbix_host)

BOOST_AUTO_TEST_CASE(zabbix_host_names_are_accepted) {
  for (const char* host : {"demo", "Demo s.r.o", "host-1.example.com", "a_b", "9"})
    BOOST_CHECK_NO_THROW(validateCompany(withHost(host)));
  BOOST_CHECK_NO_THROW(validateCompany(withHost(std::string(128, 'h'))));
  Company none = withHost("x");
  none.zabbixHost.reset();
  BOOST_CHECK_NO_THROW(validateCompany(none));
}

BOOST_AUTO_TEST_CASE(hostile_values_are_refused_naming_the_field) {
  refused("");
  refused(std::string(129, 'h'));
  refused(std::string(1 << 20, 'h'));
  refused(std::string("demo\0x", 6));
  refused("demo'; DROP TABLE company; --");
  refused("demo\nInjected: 1");
  refused("démo");
  refused("a/b");
  refused("{\"json\":1}");
}

BOOST_AUTO_TEST_SUITE_END()
