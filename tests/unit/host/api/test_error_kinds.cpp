// The one table of error kinds: each exception's code, exit status and
// HTTP status.
#define BOOST_TEST_MODULE api
#include <boost/test/unit_test.hpp>

#include "api/ErrorKinds.h"
#include "common/Exceptions.h"

#include <stdexcept>

using namespace MultiFlexi;

namespace {

std::string codeOf(const std::exception& e) { return errorKindOf(e).code; }

}  // namespace

BOOST_AUTO_TEST_CASE(the_caller_s_errors) {
  BOOST_TEST(codeOf(UsageException("x")) == "usage");
  BOOST_TEST(errorKindOf(UsageException("x")).exitCode == 64);
  BOOST_TEST(codeOf(ValidationException("slug", "bad")) == "validation");
  BOOST_TEST(errorKindOf(ValidationException("slug", "bad")).httpStatus == 400);
  BOOST_TEST(codeOf(ManifestException("a.json: bad")) == "validation");
  BOOST_TEST(errorKindOf(NotFoundException("no job")).httpStatus == 404);
  BOOST_TEST(errorKindOf(ConflictException("in use")).httpStatus == 409);
  BOOST_TEST(errorKindOf(NotFoundException("no job")).exitCode == 1);
  BOOST_TEST(codeOf(UnauthorizedException("who?")) == "unauthorized");
  BOOST_TEST(errorKindOf(UnauthorizedException("who?")).httpStatus == 401);
  BOOST_TEST(codeOf(ForbiddenException("company_id", "viewer")) == "forbidden");
  BOOST_TEST(errorKindOf(ForbiddenException("company_id", "viewer")).httpStatus == 403);
  BOOST_TEST(errorKindOf(ForbiddenException("company_id", "viewer")).exitCode == 77);
}

BOOST_AUTO_TEST_CASE(the_environment_s_errors_and_the_host_s_own) {
  BOOST_TEST(codeOf(StoreUnavailableException("disk full")) == "store_unavailable");
  BOOST_TEST(errorKindOf(StoreUnavailableException("disk full")).httpStatus == 503);
  BOOST_TEST(codeOf(StoreException("newer")) == "store");
  BOOST_TEST(codeOf(UnknownComponentException("x")) == "unknown_component");
  BOOST_TEST(codeOf(PluginException("x")) == "plugin");
  BOOST_TEST(codeOf(EncryptionKeyException("x")) == "encryption_key");
  BOOST_TEST(codeOf(CryptoException("x")) == "sealed_value");
  BOOST_TEST(codeOf(ConfigurationException("x")) == "configuration");
  BOOST_TEST(!errorKindOf(ConfigurationException("x")).internal);
  const ErrorKind& internal = errorKindOf(std::runtime_error("boom"));
  BOOST_TEST(internal.internal);
  BOOST_TEST(internal.exitCode == 70);
  BOOST_TEST(errorKindOf(Poco::NullPointerException("p")).exitCode == 70);
}
