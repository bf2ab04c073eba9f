// The API's shared input rules: Paging (limit, offset, order), ApiInput
// (ids, typed members, NUL and length), Access (not found vs forbidden).
#define BOOST_TEST_MODULE api_routes
#include <boost/test/unit_test.hpp>

#include "../catalog/CatalogFixture.h"
#include "api/Access.h"
#include "api/ApiInput.h"
#include "api/Paging.h"
#include "common/Exceptions.h"

using namespace MultiFlexi;
using MultiFlexi::Testing::thrown;

namespace {
ApiRequest query(std::map<std::string, std::string> q) {
  ApiRequest r;
  r.caller = Caller::localAdmin("root");
  r.query = std::move(q);
  return r;
}
const std::map<std::string, std::string> kFields = {{"id", "id"}, {"name", "name_column"}};
}  // namespace

BOOST_AUTO_TEST_SUITE(api_helpers)

BOOST_AUTO_TEST_CASE(paging_defaults_bounds_and_order) {
  const Page none = pageOf(query({}), kFields);
  BOOST_TEST(none.limit == 20);
  BOOST_TEST(none.offset == 0);
  BOOST_TEST(!none.order);
  const Page page = pageOf(query({{"limit", "100"}, {"offset", "40"}, {"order", "-name"}}), kFields);
  BOOST_TEST(page.limit == 100);
  BOOST_TEST(page.offset == 40);
  BOOST_TEST(page.order->column == "name_column");
  BOOST_TEST(page.order->descending);
  BOOST_TEST(!pageOf(query({{"order", "id"}}), kFields).order->descending);
  for (const char* bad : {"0", "101", "-1", "", " 5", "5 ", "1e2", "0x10", "99999999999999999999"})
    BOOST_TEST(thrown<ValidationException>([&] { pageOf(query({{"limit", bad}}), kFields); }).field() == "limit");
  BOOST_TEST(thrown<ValidationException>([&] { pageOf(query({{"offset", "-1"}}), kFields); }).field() == "offset");
  for (const char* bad : {"", "-", "--id", "name_column", "id DESC", "id;", "ID"})
    BOOST_TEST(thrown<ValidationException>([&] { pageOf(query({{"order", bad}}), kFields); }).field() == "order");
}

BOOST_AUTO_TEST_CASE(members_are_read_by_type_or_refused_naming_them) {
  const OrderedJson body = {{"n", 5}, {"s", "5"}, {"t", "text"}, {"b", true}, {"bs", "false"},
                            {"m", {{"A", "1"}, {"B", 2}, {"C", false}}}, {"big", 18446744073709551615ULL}};
  BOOST_TEST(*integerMember(body, "n") == 5);
  BOOST_TEST(*integerMember(body, "s") == 5);  // a form's text
  BOOST_TEST(!integerMember(body, "missing"));
  BOOST_TEST(thrown<ValidationException>([&] { integerMember(body, "t"); }).field() == "t");
  BOOST_TEST(thrown<ValidationException>([&] { integerMember(body, "b"); }).field() == "b");
  BOOST_TEST(thrown<ValidationException>([&] { integerMember(body, "big"); }).field() == "big");
  BOOST_TEST(*boolMember(body, "b"));
  BOOST_TEST(!*boolMember(body, "bs"));
  BOOST_TEST(thrown<ValidationException>([&] { boolMember(body, "t"); }).field() == "t");
  BOOST_TEST(thrown<ValidationException>([&] { textMember(body, "n"); }).field() == "n");
  const auto m = *textMapMember(body, "m");
  BOOST_TEST(m.at("B") == "2");
  BOOST_TEST(m.at("C") == "false");
  BOOST_TEST(thrown<ValidationException>([&] { textMapMember(body, "t"); }).field() == "t");
  const OrderedJson nul = {{"t", std::string("a\0b", 3)}, {"m", {{std::string("K\0", 2), "v"}}}};
  BOOST_TEST(thrown<ValidationException>([&] { textMember(nul, "t"); }).field() == "t");
  BOOST_TEST(thrown<ValidationException>([&] { textMapMember(nul, "m"); }).field() == "m");
  const OrderedJson huge = {{"t", std::string(kMaxTextLength + 1, 'x')}};
  BOOST_TEST(thrown<ValidationException>([&] { textMember(huge, "t"); }).field() == "t");

  ApiRequest r;
  r.path = {{"jobId", "12"}};
  BOOST_TEST(pathId(r, "jobId") == 12);
  for (const char* bad : {"0", "-4", "x", "1.0", "12abc", ""}) {
    r.path["jobId"] = bad;
    BOOST_TEST(thrown<ValidationException>([&] { pathId(r, "jobId"); }).field() == "jobId");
  }
  r.body = OrderedJson{{"a", 1}, {"z", 2}};
  BOOST_TEST(thrown<ValidationException>([&] { bodyObject(r, {"a"}); }).field() == "z");
  r.body = OrderedJson::array();
  BOOST_TEST(thrown<ValidationException>([&] { bodyObject(r, {"a"}); }).field() == "body");
  BOOST_TEST(thrown<ValidationException>([&] { bodyObject(r); }).field() == "body");
  // Any members, but their names are text like any other.
  r.body = OrderedJson{{"anything", 1}};
  BOOST_TEST(bodyObject(r).size() == 1u);
  r.body = OrderedJson{{std::string("a\0b", 3), 1}};
  BOOST_TEST(thrown<ValidationException>([&] { bodyObject(r); }).field() == "body");
  // An unknown member is named by its first 64 bytes, not echoed whole.
  r.body = OrderedJson{{std::string(10'000, 'k'), 1}};
  BOOST_TEST(thrown<ValidationException>([&] { bodyObject(r, {"a"}); }).field() == std::string(64, 'k') + "...");
}

BOOST_AUTO_TEST_CASE(null_is_not_absent_and_int64_never_wraps) {
  const OrderedJson body = OrderedJson::parse(
      R"({"null": null, "over": 9223372036854775808, "max": 9223372036854775807, "min": -9223372036854775808,
          "overText": "9223372036854775808", "underText": "-9223372036854775809", "real": -1e30, "half": 1.5})");
  for (const char* name : {"null", "over", "overText", "underText", "real", "half"})
    BOOST_TEST(thrown<ValidationException>([&] { integerMember(body, name); }).field() == name);
  BOOST_TEST(*integerMember(body, "max") == INT64_MAX);
  BOOST_TEST(*integerMember(body, "min") == INT64_MIN);
  BOOST_TEST(thrown<ValidationException>([&] { textMember(body, "null"); }).field() == "null");
  BOOST_TEST(thrown<ValidationException>([&] { boolMember(body, "null"); }).field() == "null");
}

BOOST_AUTO_TEST_CASE(query_integers_in_a_range) {
  BOOST_TEST(!queryInteger(query({}), "n", 1, 10));
  BOOST_TEST(*queryInteger(query({{"n", "10"}}), "n", 1, 10) == 10);
  BOOST_TEST(*queryInteger(query({{"n", "9223372036854775807"}}), "n", 1, INT64_MAX) == INT64_MAX);
  for (const std::string& bad : std::vector<std::string>{"0", "11", "", " 5", "5 ", "1e1", "0x5", "9223372036854775808",
                                                         "-9223372036854775809", std::string("5\0", 2),
                                                         std::string(100'000, '1'), "1; DROP TABLE users"}) {
    const auto e = thrown<ValidationException>([&] { queryInteger(query({{"n", bad}}), "n", 1, 10); });
    BOOST_TEST(e.field() == "n");
    BOOST_TEST(e.message().find("from 1 to 10") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(access_says_not_found_to_strangers_and_forbidden_to_lower_roles) {
  ApiRequest r;
  Caller viewer;
  viewer.name = "v";
  viewer.roles[1] = CompanyRole::Viewer;
  r.caller = viewer;
  BOOST_CHECK_NO_THROW(requireRole(r, 1, CompanyRole::Viewer, "no thing with id 5", "thing"));
  BOOST_TEST(thrown<NotFoundException>([&] { requireRole(r, 2, CompanyRole::Viewer, "no thing with id 5", "thing"); })
                 .message() == "no thing with id 5");
  BOOST_TEST(thrown<ForbiddenException>([&] { requireRole(r, 1, CompanyRole::Operator, "no thing", "thing"); })
                 .field() == "thing");
  BOOST_CHECK_THROW(requireAdmin(r, "company"), ForbiddenException);
  BOOST_TEST(visibleCompanies(r)->size() == 1u);
  r.caller = Caller::localAdmin("root");
  BOOST_CHECK_NO_THROW(requireAdmin(r, "company"));
  BOOST_TEST(!visibleCompanies(r));
  r.caller.reset();
  BOOST_CHECK_THROW(callerOf(r), UnauthorizedException);
}

BOOST_AUTO_TEST_SUITE_END()
