// The pieces of every record's JSON shape: absence as null or as a left-out
// member, instants in UTC, and masking of secret values.
#include <boost/test/unit_test.hpp>

#include "api/JsonFields.h"
#include "executor/SecretMasker.h"

using namespace MultiFlexi;

BOOST_AUTO_TEST_SUITE(json_fields)

BOOST_AUTO_TEST_CASE(an_absent_value_is_null_or_left_out) {
  BOOST_TEST(nullable(std::optional<std::string>("x")) == "x");
  BOOST_TEST(nullable(std::optional<int64_t>(-5)) == -5);
  BOOST_TEST(nullable(std::optional<std::string>()).is_null());
  BOOST_TEST(nullableInstant(std::optional<Instant>(0)) == formatInstant(0));
  BOOST_TEST(nullableInstant(std::nullopt).is_null());
  OrderedJson j = OrderedJson::object();
  setIf(j, "a", std::optional<std::string>());
  setIf(j, "b", std::optional<int64_t>(3));
  setInstantIf(j, "c", std::nullopt);
  setInstantIf(j, "d", std::optional<Instant>(1'000));
  BOOST_TEST(j.dump() == "{\"b\":3,\"d\":\"" + formatInstant(1'000) + "\"}");
}

BOOST_AUTO_TEST_CASE(without_nulls_drops_only_null_members_and_keeps_the_order) {
  OrderedJson j = {{"z", 1}, {"y", nullptr}, {"x", ""}, {"w", false}, {"v", nullptr}};
  BOOST_TEST(withoutNulls(j).dump() == R"({"z":1,"x":"","w":false})");
  BOOST_TEST(withoutNulls(OrderedJson::object()).dump() == "{}");
}

BOOST_AUTO_TEST_CASE(secret_values_are_masked_unless_revealed_and_names_stay) {
  const std::map<std::string, std::string> values = {{"LOGIN", "me"}, {"PASSWORD", "hunter22"}};
  const std::string mask = SecretMasker::kMask;
  BOOST_TEST(maskedValues(values, {"PASSWORD"}, false).dump() == R"({"LOGIN":"me","PASSWORD":")" + mask + "\"}");
  BOOST_TEST(maskedValues(values, {"PASSWORD"}, true).dump() == R"({"LOGIN":"me","PASSWORD":"hunter22"})");
  BOOST_TEST(maskedValues(values, false).dump() == "{\"LOGIN\":\"" + mask + "\",\"PASSWORD\":\"" + mask + "\"}");
  BOOST_TEST(maskedValues(values, true).dump() == R"({"LOGIN":"me","PASSWORD":"hunter22"})");
  BOOST_TEST(maskedValues({}, false).dump() == "{}");
  BOOST_TEST(maskedValues({}, {"X"}, false).is_object());
}

BOOST_AUTO_TEST_SUITE_END()
