// OtlpSender: retries with backoff and Retry-After, bounded; partial success;
// headers and Content-Type as the receiver sees them.
#include <boost/test/unit_test.hpp>

#include "JobEvents.h"
#include "OtlpReceiver.h"
#include "OtlpSender.h"

#include <HttpExchange.h>

using namespace mfx::otel;
using namespace mfx::otel::testing;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

const RetryPolicy kFast{4, 50ms, 200ms, 3000ms};

std::string traces() {
  return encodeTraces(Resource{"multiflexi", "0.1.0", "box"}, "0.1.0", {testSpan(kSpanId)});
}

const OtlpSender::Sleep kSleep = [](std::chrono::milliseconds d) {
  std::this_thread::sleep_for(d);
  return true;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(otlp_sender)

BOOST_AUTO_TEST_CASE(backoff_doubles_up_to_its_cap_and_honours_retry_after) {
  const RetryPolicy p{5, 500ms, 4000ms, 30000ms};
  BOOST_TEST(retryDelay(p, 1, 503, "")->count() == 500);
  BOOST_TEST(retryDelay(p, 2, 503, "")->count() == 1000);
  BOOST_TEST(retryDelay(p, 4, 0, "")->count() == 4000);
  BOOST_TEST(!retryDelay(p, 5, 503, "").has_value());  // attempts used up
  BOOST_TEST(retryDelay(p, 1, 429, "7")->count() == 7000);
  BOOST_TEST(!retryDelay(p, 1, 429, "3600").has_value());  // longer than we hold data
  BOOST_TEST(retryDelay(p, 1, 429, "Wed, 21 Oct 2015 07:28:00 GMT")->count() == 0);  // in the past
  BOOST_TEST(retryDelay(p, 1, 503, "soon")->count() == 500);                      // unreadable: backoff
  BOOST_TEST(retryDelay(p, 1, 503, std::string("1\0", 2))->count() == 500);
  BOOST_TEST(!retryDelay(p, 1, 429, "99999999999999999999").has_value());
  for (int status : {400, 401, 403, 404, 413, 500})
    BOOST_TEST(!retryDelay(p, 1, status, "").has_value(), status);
  for (int status : {429, 502, 503, 504}) BOOST_TEST(retryDelay(p, 1, status, "").has_value(), status);
}

BOOST_AUTO_TEST_CASE(a_429_with_retry_after_is_retried_after_the_asked_pause) {
  OtlpReceiver receiver;
  receiver.script({429, "{}", "1"});
  OtlpSender sender({{"api-key", "s3cret"}}, 2000ms, "", kFast);
  const auto started = Clock::now();
  const PostResult r = sender.post(receiver.endpoint() + "/v1/traces", traces(), Clock::now() + 10s, kSleep);
  BOOST_TEST(r.delivered);
  BOOST_TEST(r.attempts == 2);
  BOOST_TEST((Clock::now() - started >= 1s));
  const auto got = receiver.received();
  BOOST_REQUIRE_EQUAL(got.size(), 2u);
  BOOST_TEST(got[1].violations.empty());
  BOOST_TEST(got[1].contentType == "application/json");
  BOOST_TEST(got[1].headers.at("api-key") == "s3cret");
}

BOOST_AUTO_TEST_CASE(unavailable_servers_are_retried_a_bounded_number_of_times) {
  OtlpReceiver receiver;
  for (int i = 0; i < 10; ++i) receiver.script({503, "{}"});
  OtlpSender sender({}, 2000ms, "", kFast);
  const PostResult r = sender.post(receiver.endpoint() + "/v1/traces", traces(), Clock::now() + 10s, kSleep);
  BOOST_TEST(!r.delivered);
  BOOST_TEST(r.attempts == kFast.maxAttempts);
  BOOST_TEST(receiver.received().size() == 4u);
  BOOST_TEST(r.error.find("503") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_bad_request_is_not_retried) {
  OtlpReceiver receiver;
  receiver.script({400, R"({"message":"nope"})"});
  OtlpSender sender({}, 2000ms, "", kFast);
  const PostResult r = sender.post(receiver.endpoint() + "/v1/traces", traces(), Clock::now() + 10s, kSleep);
  BOOST_TEST(!r.delivered);
  BOOST_TEST(r.attempts == 1);
  BOOST_TEST(r.status == 400);
}

BOOST_AUTO_TEST_CASE(partial_success_is_reported) {
  OtlpReceiver receiver;
  receiver.script({200, R"({"partialSuccess":{"rejectedSpans":"1","errorMessage":"span too old"}})"});
  OtlpSender sender({}, 2000ms, "", kFast);
  const PostResult r = sender.post(receiver.endpoint() + "/v1/traces", traces(), Clock::now() + 10s, kSleep);
  BOOST_TEST(r.delivered);
  BOOST_TEST(r.partial.rejected == 1);
  BOOST_TEST(r.partial.message == "span too old");
}

BOOST_AUTO_TEST_CASE(nobody_listening_and_hung_servers_stay_within_the_deadline) {
  OtlpSender sender({}, 300ms, "", kFast);
  const std::string nowhere = "http://127.0.0.1:" + std::to_string(MultiFlexi::Testing::freePort()) + "/v1/traces";
  PostResult r = sender.post(nowhere, traces(), Clock::now() + 10s, kSleep);
  BOOST_TEST(!r.delivered);
  BOOST_TEST(r.attempts == kFast.maxAttempts);
  BOOST_TEST(r.error.find("cannot reach") != std::string::npos);

  OtlpReceiver hung;
  for (int i = 0; i < 10; ++i) hung.script({200, "{}", "", 2000ms});
  const auto started = Clock::now();
  r = sender.post(hung.endpoint() + "/v1/traces", traces(), Clock::now() + 1s, kSleep);
  BOOST_TEST(!r.delivered);
  BOOST_TEST((Clock::now() - started < 2500ms));  // ignoring the deadline takes 4 x 2 s
}

BOOST_AUTO_TEST_CASE(an_interrupted_sleep_stops_retrying) {
  OtlpReceiver receiver;
  for (int i = 0; i < 5; ++i) receiver.script({503, "{}"});
  OtlpSender sender({}, 2000ms, "", kFast);
  const PostResult r = sender.post(receiver.endpoint() + "/v1/traces", traces(), Clock::now() + 10s,
                                   [](std::chrono::milliseconds) { return false; });
  BOOST_TEST(r.attempts == 1);
  BOOST_TEST(r.error.find("shutdown") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_unreadable_ca_file_is_refused) {
  BOOST_CHECK_THROW(OtlpSender({}, 1000ms, "/nonexistent/ca.pem", kFast), mfx::Invalid);
}

BOOST_AUTO_TEST_SUITE_END()
