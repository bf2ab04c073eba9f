// The generic table of one kind of plugin component: registration, the
// duplicate-id rule, lookup, listing, the unknown-id message.
#include <boost/test/unit_test.hpp>

#include "common/Exceptions.h"
#include "plugin/ComponentTable.h"

#include <memory>
#include <string>

using namespace MultiFlexi;

namespace {

struct Widget {
  std::string name;
};

std::unique_ptr<Widget> widget(const std::string& name) { return std::make_unique<Widget>(Widget{name}); }

/// A predicate for BOOST_CHECK_EXCEPTION: the message is exactly `expected`.
auto isMessage(const std::string& expected) {
  return [expected](const UnknownComponentException& e) { return e.message() == expected; };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(component_table)

BOOST_AUTO_TEST_CASE(components_are_found_by_id_and_listed_in_id_order) {
  ComponentTable<Widget> table("widget");
  BOOST_TEST(table.add("podman", widget("P"), "org.x.podman (/p.so)"));
  BOOST_TEST(table.add("native", widget("N"), "org.x.native (/n.so)"));
  BOOST_TEST(table.get("podman").name == "P");
  BOOST_TEST(table.find("native")->name == "N");
  BOOST_TEST(table.find("docker") == nullptr);
  const auto all = table.list();
  BOOST_REQUIRE_EQUAL(all.size(), 2u);
  BOOST_TEST(all[0]->name == "N");
  BOOST_TEST(all[1]->name == "P");
  BOOST_TEST(table.ownerOf("native").value_or("") == "org.x.native (/n.so)");
  BOOST_TEST(!table.ownerOf("docker").has_value());
}

BOOST_AUTO_TEST_CASE(an_id_is_registered_once_and_the_first_stays) {
  ComponentTable<Widget> table("widget");
  BOOST_TEST(table.add("native", widget("first"), "a (/a.so)"));
  BOOST_TEST(!table.add("native", widget("second"), "b (/b.so)"));
  BOOST_TEST(table.get("native").name == "first");
  BOOST_TEST(table.ownerOf("native").value_or("") == "a (/a.so)");
  BOOST_TEST(table.list().size() == 1u);
}

BOOST_AUTO_TEST_CASE(an_unknown_id_names_the_kind_and_what_exists) {
  ComponentTable<Widget> table("credential type");
  BOOST_CHECK_EXCEPTION(table.get("vault"), UnknownComponentException,
                        isMessage("no credential type 'vault' is loaded (available: none)"));
  table.add("exec", widget("E"), "e");
  table.add("envfile", widget("F"), "f");
  BOOST_CHECK_EXCEPTION(table.get("vault"), UnknownComponentException,
                        isMessage("no credential type 'vault' is loaded (available: envfile, exec)"));
}

BOOST_AUTO_TEST_SUITE_END()
