// Who sees which company and who may do what there.
#include <boost/test/unit_test.hpp>

#include "domain/Caller.h"

using namespace MultiFlexi;

BOOST_AUTO_TEST_CASE(role_names_round_trip_and_nothing_else_is_a_role) {
  for (CompanyRole role : {CompanyRole::Viewer, CompanyRole::Operator, CompanyRole::Editor}) {
    BOOST_TEST((roleNamed(roleName(role)) == std::optional<CompanyRole>(role)), roleName(role));
  }
  BOOST_TEST(!roleNamed("admin").has_value());
  BOOST_TEST(!roleNamed("Viewer").has_value());
  BOOST_TEST(!roleNamed("").has_value());
}

BOOST_AUTO_TEST_CASE(a_role_grants_what_the_lower_roles_grant_in_its_company_only) {
  Caller caller;
  caller.name = "anna";
  caller.userId = 4;
  caller.roles = {{1, CompanyRole::Operator}, {3, CompanyRole::Viewer}};
  BOOST_TEST(caller.sees(1));
  BOOST_TEST(caller.sees(3));
  BOOST_TEST(!caller.sees(2));
  BOOST_TEST(caller.may(1, CompanyRole::Viewer));
  BOOST_TEST(caller.may(1, CompanyRole::Operator));
  BOOST_TEST(!caller.may(1, CompanyRole::Editor));
  BOOST_TEST(!caller.may(3, CompanyRole::Operator));
  BOOST_TEST(!caller.may(2, CompanyRole::Viewer));
  BOOST_TEST((caller.visibleCompanies().value() == std::vector<int64_t>{1, 3}));
}

BOOST_AUTO_TEST_CASE(an_admin_sees_and_may_everything_and_lists_are_not_limited) {
  Caller local = Caller::localAdmin("root");
  BOOST_TEST(local.name == "root");
  BOOST_TEST(!local.userId.has_value());
  BOOST_TEST(local.sees(99));
  BOOST_TEST(local.may(99, CompanyRole::Editor));
  BOOST_TEST(!local.visibleCompanies().has_value());
}

BOOST_AUTO_TEST_CASE(a_caller_with_no_role_sees_nothing) {
  Caller nobody;
  BOOST_TEST(!nobody.sees(1));
  BOOST_TEST(nobody.visibleCompanies().value().empty());
}
