// Companies through the rule layer: create, change, look up, the slug and
// environment rules with the field at fault.
#include <boost/test/unit_test.hpp>

#include "CatalogFixture.h"
#include "catalog/CompanyCatalog.h"

using namespace MultiFlexi;
using MultiFlexi::Testing::thrown;

namespace {

CompanyChanges named(const std::string& name, const std::string& slug) {
  CompanyChanges c;
  c.name = name;
  c.slug = slug;
  return c;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(companies_are_found_by_every_key, MultiFlexi::Testing::CatalogFixture) {
  CompanyChanges c = named("Acme s.r.o.", "acme");
  c.ic = "12345678";
  const Company acme = catalog->companies().create(c);
  BOOST_TEST(catalog->companies().get({acme.id, {}, {}, {}}).slug == "acme");
  BOOST_TEST(catalog->companies().get({{}, std::string("acme"), {}, {}}).id == acme.id);
  BOOST_TEST(catalog->companies().get({{}, {}, std::string("Acme s.r.o."), {}}).id == acme.id);
  BOOST_TEST(catalog->companies().get({{}, {}, {}, std::string("12345678")}).id == acme.id);
  BOOST_TEST(catalog->companies().idOf("company", "acme") == acme.id);
  BOOST_TEST(catalog->companies().idOf("company", std::to_string(acme.id)) == acme.id);
  BOOST_TEST(thrown<NotFoundException>([&] { catalog->companies().get({{}, std::string("nope"), {}, {}}); })
                 .message() == "no company with slug 'nope'");
  BOOST_TEST(thrown<ValidationException>([&] { catalog->companies().get({}); }).field() == "id");
}

BOOST_FIXTURE_TEST_CASE(rules_name_the_field, MultiFlexi::Testing::CatalogFixture) {
  catalog->companies().create(named("Acme", "acme"));
  auto e = thrown<ConflictException>([&] { catalog->companies().create(named("Other", "acme")); });
  BOOST_TEST(e.field() == "slug");
  BOOST_TEST(e.reason() == "'acme' is already taken");
  BOOST_TEST(thrown<ValidationException>([&] { catalog->companies().create(named("Bad", "a b")); }).field() ==
             "slug");
  CompanyChanges loader = named("Loader", "loader");
  loader.environment = {{"LD_PRELOAD", "/tmp/x.so"}};
  const auto env = thrown<ValidationException>([&] { catalog->companies().create(loader); });
  BOOST_TEST(env.field() == "env");
  BOOST_TEST(env.reason().find("'LD_PRELOAD'") == 0, env.reason());
  BOOST_TEST(catalog->companies().list(100, 0).size() == 1u);  // nothing refused was saved
}

BOOST_FIXTURE_TEST_CASE(update_changes_clears_and_wakes_the_scheduler, MultiFlexi::Testing::CatalogFixture) {
  CompanyChanges c = named("Acme", "acme");
  c.email = "office@acme.example";
  c.environment = {{"REGION", "eu"}};
  const int64_t id = catalog->companies().create(c).id;
  BOOST_TEST(woken.empty());

  CompanyChanges change;
  change.email = "";  // an empty value clears
  change.timeZone = "Europe/Prague";
  change.unsetEnvironment = {"REGION"};
  const Company updated = catalog->companies().update(id, change);
  BOOST_TEST(!updated.email);
  BOOST_TEST(*updated.timeZone == "Europe/Prague");
  BOOST_TEST(updated.environment.empty());
  BOOST_TEST(woken.size() == 1u);

  CompanyChanges missing;
  missing.unsetEnvironment = {"NOPE"};
  BOOST_TEST(thrown<ValidationException>([&] { catalog->companies().update(id, missing); }).field() == "unset-env");
  BOOST_CHECK_THROW(catalog->companies().update(id + 100, {}), NotFoundException);
  catalog->companies().remove(id);
  BOOST_TEST(!catalog->companies().findById(id));
}

BOOST_FIXTURE_TEST_CASE(a_rename_to_a_taken_slug_says_so_and_nothing_of_the_other_company,
                        MultiFlexi::Testing::CatalogFixture) {
  const Company other = catalog->companies().create(named("Other Tenant s.r.o.", "taken"));
  const Company mine = catalog->companies().create(named("Mine", "mine"));
  CompanyChanges rename;
  rename.slug = "TAKEN";  // slugs compare without case
  const auto e = thrown<ConflictException>([&] { catalog->companies().update(mine.id, rename); });
  BOOST_TEST(e.field() == "slug");
  BOOST_TEST(e.message() == "slug: 'TAKEN' is already taken");
  BOOST_TEST(e.message().find(std::to_string(other.id)) == std::string::npos);
  BOOST_TEST(e.message().find("Other") == std::string::npos);
  BOOST_TEST(catalog->companies().get({mine.id, {}, {}, {}}).slug == "mine");
}
