// Errors about the caller's input carry their fields and reasons, through
// copies and rethrows, with a front-end-neutral message.
#include <boost/test/unit_test.hpp>

#include "common/Exceptions.h"

#include <memory>

using namespace MultiFlexi;

BOOST_AUTO_TEST_CASE(one_field_and_its_reason) {
  const ValidationException e("slug", "must not be empty");
  BOOST_TEST(e.field() == "slug");
  BOOST_TEST(e.reason() == "must not be empty");
  BOOST_TEST(e.message() == "slug: must not be empty");
  BOOST_TEST(e.problems().size() == 1u);
  BOOST_TEST(std::string(e.name()) == "Invalid value");
}

BOOST_AUTO_TEST_CASE(several_fields_one_line_each) {
  const ValidationException e(std::vector<FieldProblem>{{"fields.PORT", "expected a number"},
                                                        {"fields.USER", "required and not set"}});
  BOOST_TEST(e.field() == "fields.PORT");
  BOOST_TEST(e.message() == "fields.PORT: expected a number\nfields.USER: required and not set");
}

BOOST_AUTO_TEST_CASE(no_field_the_message_is_the_reason) {
  const NotFoundException e("no job with id 5");
  BOOST_TEST(e.problems().empty());
  BOOST_TEST(e.field().empty());
  BOOST_TEST(e.reason() == "no job with id 5");
}

BOOST_AUTO_TEST_CASE(clone_and_rethrow_keep_the_kind_and_the_fields) {
  const ConflictException original("slug", "'acme' is already used by company id 1");
  std::unique_ptr<Poco::Exception> copy(original.clone());
  try {
    copy->rethrow();
    BOOST_FAIL("rethrow did not throw");
  } catch (const ConflictException& e) {
    BOOST_TEST(e.field() == "slug");
    BOOST_TEST(e.reason() == original.reason());
  }
  // Every input error is a FieldException and a MultiFlexiException.
  BOOST_CHECK_THROW(throw ManifestException("a.json: $.name: required"), ValidationException);
  BOOST_CHECK_THROW(throw NotFoundException("x"), FieldException);
  BOOST_CHECK_THROW(throw ConflictException("x"), MultiFlexiException);
}
