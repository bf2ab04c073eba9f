// How the command line shows errors: "--field: reason" per field, the
// message otherwise.
#define BOOST_TEST_MODULE cli
#include <boost/test/unit_test.hpp>

#include "cli/ErrorText.h"
#include "common/Exceptions.h"

#include <stdexcept>

using namespace MultiFlexi;

BOOST_AUTO_TEST_CASE(fields_become_options) {
  BOOST_TEST(optionOfField("slug") == "--slug");
  BOOST_TEST(optionOfField("unset-config") == "--unset-config");
  BOOST_TEST(optionOfField("fields.DATABASE_PORT") == "--field DATABASE_PORT");
  BOOST_TEST(errorText(ValidationException("interv", "unknown interval code 'x'")) ==
             "--interv: unknown interval code 'x'");
  BOOST_TEST(errorText(ValidationException(std::vector<FieldProblem>{{"fields.A", "required"}, {"fields.B", "bad"}})) ==
             "--field A: required\n--field B: bad");
}

BOOST_AUTO_TEST_CASE(errors_without_a_field_show_their_message) {
  BOOST_TEST(errorText(NotFoundException("no run template with id 5")) == "no run template with id 5");
  BOOST_TEST(errorText(StoreException("the database is newer")) == "the database is newer");
  BOOST_TEST(errorText(std::runtime_error("boom")) == "boom");
}
