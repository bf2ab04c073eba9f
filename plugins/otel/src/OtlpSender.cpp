#include "OtlpSender.h"

#include <Poco/DateTimeParser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/StreamCopier.h>
#include <Poco/Timestamp.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <istream>
#include <memory>

namespace mfx::otel {
namespace {

using std::chrono::milliseconds;
constexpr std::size_t kMaxResponse = 64 * 1024;

std::optional<milliseconds> parseRetryAfter(const std::string& text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  if (std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; })) {
    if (text.size() > 9) return milliseconds(1000LL * 999999999);
    return milliseconds(std::stoll(text) * 1000);
  }
  int tz = 0;
  Poco::DateTime when;
  if (!Poco::DateTimeParser::tryParse(text, when, tz)) return std::nullopt;
  const Poco::Timestamp::TimeDiff diff = when.timestamp() - Poco::Timestamp();  // microseconds
  return milliseconds(std::max<Poco::Timestamp::TimeDiff>(diff / 1000, 0));
}

}  // namespace

bool retryableStatus(int status) { return status == 429 || status == 502 || status == 503 || status == 504; }

std::optional<milliseconds> retryDelay(const RetryPolicy& policy, int attempt, int status,
                                       const std::string& retryAfter) {
  if (attempt >= policy.maxAttempts) return std::nullopt;
  if (status != 0 && !retryableStatus(status)) return std::nullopt;
  if (auto asked = parseRetryAfter(retryAfter)) {
    if (*asked > policy.retryAfterCap) return std::nullopt;  // the server wants a pause longer than we hold data
    return *asked;
  }
  milliseconds delay = policy.base;
  for (int i = 1; i < attempt && delay < policy.cap; ++i) delay *= 2;
  return std::min(delay, policy.cap);
}

OtlpSender::OtlpSender(Headers headers, milliseconds timeout, const std::string& caFile, RetryPolicy policy)
    : _headers(std::move(headers)), _timeout(timeout), _policy(policy) {
  Poco::Net::initializeSSL();
  try {
    _tls = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", caFile,
                                  Poco::Net::Context::VERIFY_RELAXED, 9, caFile.empty());
  } catch (const Poco::Exception& e) {
    Poco::Net::uninitializeSSL();
    throw Invalid("OTEL_EXPORTER_OTLP_CERTIFICATE: cannot load '" + caFile + "': " + e.displayText());
  }
}

OtlpSender::~OtlpSender() {
  _tls = nullptr;
  Poco::Net::uninitializeSSL();
}

OtlpSender::Answer OtlpSender::once(const std::string& url, const std::string& body, milliseconds timeout) {
  const Poco::URI uri(url);
  std::unique_ptr<Poco::Net::HTTPClientSession> session;
  if (uri.getScheme() == "https")
    session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), _tls);
  else
    session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
  session->setTimeout(Poco::Timespan(static_cast<long>(timeout.count() / 1000),
                                     static_cast<long>((timeout.count() % 1000) * 1000)));
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathEtc(),
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : _headers) request.set(name, value);
  request.setContentType("application/json");
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  session->sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session->receiveResponse(response);
  Answer a;
  a.status = static_cast<int>(response.getStatus());
  a.retryAfter = response.get("Retry-After", "");
  a.body.resize(kMaxResponse);
  in.read(a.body.data(), static_cast<std::streamsize>(kMaxResponse));
  a.body.resize(static_cast<std::size_t>(in.gcount()));
  return a;
}

PostResult OtlpSender::post(const std::string& url, const std::string& body,
                            std::chrono::steady_clock::time_point deadline, const Sleep& sleep) {
  PostResult result;
  for (;;) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left <= milliseconds(0)) {
      result.error += result.error.empty() ? "deadline passed" : "; deadline passed";
      return result;
    }
    ++result.attempts;
    Answer a;
    try {
      a = once(url, body, std::min(_timeout, left));
    } catch (const Poco::Exception& e) {
      result.error = "cannot reach " + shownUrl(url) + ": " + e.displayText();
    } catch (const std::exception& e) {
      result.error = "cannot reach " + shownUrl(url) + ": " + e.what();
    }
    result.status = a.status;
    if (a.status >= 200 && a.status < 300) {
      result.delivered = true;
      result.error.clear();
      result.partial = readPartialSuccess(a.body);
      return result;
    }
    if (a.status != 0) result.error = shownUrl(url) + " answered HTTP " + std::to_string(a.status);
    const auto delay = retryDelay(_policy, result.attempts, a.status, a.retryAfter);
    if (!delay) return result;
    if (std::chrono::steady_clock::now() + *delay >= deadline) {
      result.error += "; no time left to retry";
      return result;
    }
    if (!sleep(*delay)) {
      result.error += "; interrupted by shutdown";
      return result;
    }
  }
}

}  // namespace mfx::otel
