// The JSON error: the field and reason of input errors, nothing of an
// internal one, the same 401 whatever the cause.
#include <boost/test/unit_test.hpp>

#include "common/Exceptions.h"
#include "http/ErrorResponse.h"

#include <stdexcept>

using namespace MultiFlexi;

BOOST_AUTO_TEST_SUITE(error_response)

BOOST_AUTO_TEST_CASE(a_field_error_names_the_field_and_reason) {
  const ApiResponse r = errorResponse(ValidationException("interv", "unknown interval code 'x'"), "r-1");
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.body["status"] == "error");
  BOOST_TEST(r.body["code"] == "validation");
  BOOST_TEST(r.body["field"] == "interv");
  BOOST_TEST(r.body["message"] == "unknown interval code 'x'");
  const ApiResponse nf = errorResponse(NotFoundException("jobId", "no job 7"), "r-2");
  BOOST_TEST(nf.status == 404);
  BOOST_TEST(nf.body["code"] == "not_found");
  BOOST_TEST(errorResponse(ConflictException("slug", "taken"), "r").status == 409);
  BOOST_TEST(errorResponse(ForbiddenException("job", "viewer"), "r").status == 403);
  BOOST_TEST(errorResponse(ValidationException("only a message"), "r").body["field"].is_null());
}

BOOST_AUTO_TEST_CASE(an_internal_error_says_only_internal_error) {
  const ApiResponse r = errorResponse(std::runtime_error("SELECT password FROM users at /var/lib/x.db"), "r-3");
  BOOST_TEST(r.status == 500);
  BOOST_TEST(r.body["code"] == "internal");
  BOOST_TEST(r.body["message"] == "internal error");
  const ApiResponse store = errorResponse(StoreException("/var/lib/multiflexi/multiflexi.db is locked"), "r-4");
  BOOST_TEST(store.status == 500);
  BOOST_TEST(store.body.dump().find("/var/lib") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_401_is_the_same_and_asks_for_basic) {
  const ApiResponse a = errorResponse(UnauthorizedException("wrong password for admin"), "r");
  const ApiResponse b = errorResponse(UnauthorizedException("token revoked"), "r");
  BOOST_TEST(a.status == 401);
  BOOST_TEST(a.body == b.body);
  BOOST_TEST(a.body.dump().find("admin") == std::string::npos);
  BOOST_TEST(a.headers.at("WWW-Authenticate") == "Basic realm=\"MultiFlexi\"");
}

BOOST_AUTO_TEST_SUITE_END()
