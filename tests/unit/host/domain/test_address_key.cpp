// One key per client address: IPv4 as itself, IPv4-mapped IPv6 as IPv4,
// other IPv6 by its /64; anything else unchanged.
#include <boost/test/unit_test.hpp>

#include "domain/AddressKey.h"

using namespace MultiFlexi;

BOOST_AUTO_TEST_SUITE(address_key)

BOOST_AUTO_TEST_CASE(ipv4_is_its_own_key_and_mapped_ipv6_is_ipv4) {
  BOOST_TEST(addressKey("192.0.2.7") == "192.0.2.7");
  BOOST_TEST(addressKey("::ffff:192.0.2.7") == "192.0.2.7");
  BOOST_TEST(addressKey("::FFFF:c000:0207") == "192.0.2.7");
}

BOOST_AUTO_TEST_CASE(ipv6_addresses_of_one_64_share_a_key) {
  BOOST_TEST(addressKey("2001:db8:1:2::1") == "2001:db8:1:2::/64");
  BOOST_TEST(addressKey("2001:db8:1:2:ffff:ffff:ffff:ffff") == "2001:db8:1:2::/64");
  BOOST_TEST(addressKey("2001:0DB8:0001:0002:0:0:0:9") == "2001:db8:1:2::/64");
  BOOST_TEST(addressKey("2001:db8:1:3::1") != addressKey("2001:db8:1:2::1"));
  BOOST_TEST(addressKey("::1") == "::/64");
  BOOST_TEST(addressKey("fe80::1") == "fe80::/64");
}

BOOST_AUTO_TEST_CASE(what_is_not_an_address_stays_as_it_is) {
  BOOST_TEST(addressKey("").empty());
  BOOST_TEST(addressKey("local") == "local");
  BOOST_TEST(addressKey("2001:db8::1/64") == "2001:db8::1/64");
  BOOST_TEST(addressKey("1' OR '1'='1") == "1' OR '1'='1");
  const std::string nul("2001:db8::1\0::2", 15);
  BOOST_TEST(addressKey(nul) == nul);
  const std::string huge(100000, ':');
  BOOST_TEST(addressKey(huge) == huge);
}

BOOST_AUTO_TEST_SUITE_END()
