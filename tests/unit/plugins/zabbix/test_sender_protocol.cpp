#define BOOST_TEST_MODULE zabbix sender protocol
#include <boost/test/unit_test.hpp>

#include "FakeTrapper.h"
#include "SenderProtocol.h"
#include "ZabbixSender.h"

#include <Poco/DeflatingStream.h>
#include <nlohmann/json.hpp>

#include <sstream>

using MultiFlexi::Testing::FakeTrapper;
using namespace mfx::zabbix;
using namespace std::chrono_literals;

namespace {

SenderValue value(const std::string& key = "k", const std::string& v = "v") { return {"h", key, v, 1700000000, 5}; }

ZabbixSender senderTo(uint16_t port, std::chrono::milliseconds io = 2000ms) {
  return ZabbixSender("127.0.0.1", port, 1000ms, io);
}

std::string errorOf(const ZabbixSender& s) {
  try {
    s.send({value()});
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(request_is_framed_byte_by_byte) {
  const std::string frame = encodeRequest({value("multiflexi.job.lld", "[]")});
  BOOST_REQUIRE_GE(frame.size(), 13u);
  BOOST_TEST(frame.substr(0, 4) == "ZBXD");
  BOOST_TEST(static_cast<int>(frame[4]) == 1);
  const std::string json = frame.substr(13);
  const std::size_t n = json.size();
  BOOST_TEST(static_cast<unsigned char>(frame[5]) == (n & 0xff));
  BOOST_TEST(static_cast<unsigned char>(frame[6]) == ((n >> 8) & 0xff));
  BOOST_TEST(static_cast<unsigned char>(frame[7]) == ((n >> 16) & 0xff));
  BOOST_TEST(static_cast<unsigned char>(frame[8]) == ((n >> 24) & 0xff));
  for (int i = 9; i < 13; ++i) BOOST_TEST(frame[i] == '\0');
  const auto doc = nlohmann::json::parse(json);
  BOOST_TEST(doc["request"] == "sender data");
  BOOST_REQUIRE_EQUAL(doc["data"].size(), 1u);
  BOOST_TEST(doc["data"][0]["host"] == "h");
  BOOST_TEST(doc["data"][0]["key"] == "multiflexi.job.lld");
  BOOST_TEST(doc["data"][0]["value"] == "[]");
  BOOST_TEST(doc["data"][0]["clock"] == 1700000000);
  BOOST_TEST(doc["data"][0]["ns"] == 5);
}

BOOST_AUTO_TEST_CASE(length_above_255_uses_the_higher_bytes) {
  const std::string frame = encodeRequest({value("k", std::string(70000, 'x'))});
  const std::size_t n = frame.size() - 13;
  BOOST_TEST(n > 70000u);
  BOOST_TEST(static_cast<unsigned char>(frame[7]) == ((n >> 16) & 0xff));
  BOOST_TEST(static_cast<unsigned char>(frame[7]) == 1);
}

BOOST_AUTO_TEST_CASE(hostile_value_bytes_stay_inside_the_json_string) {
  const std::string nasty = std::string("a\0b\"}],\"request\":\"x", 20) + "'; DROP TABLE items; --\xff";
  const auto doc = nlohmann::json::parse(encodeRequest({value("k", nasty)}).substr(13));
  BOOST_TEST(doc["request"] == "sender data");
  BOOST_TEST(doc["data"].size() == 1u);
  BOOST_TEST(doc["data"][0]["value"].get<std::string>().substr(0, 3) == std::string("a\0b", 3));
}

BOOST_AUTO_TEST_CASE(reply_header_is_checked) {
  BOOST_CHECK_THROW(parseReplyHeader("ZBXD\x01"), std::runtime_error);
  BOOST_CHECK_THROW(parseReplyHeader(std::string("ZBXX\x01\0\0\0\0\0\0\0\0", 13)), std::runtime_error);
  BOOST_CHECK_THROW(parseReplyHeader(std::string("ZBXD\x00\0\0\0\0\0\0\0\0", 13)), std::runtime_error);
  BOOST_CHECK_THROW(parseReplyHeader(std::string("ZBXD\x09\0\0\0\0\0\0\0\0", 13)), std::runtime_error);
  const ReplyHeader h = parseReplyHeader(std::string("ZBXD\x01\x02\x01\0\0\0\0\0\0", 13));
  BOOST_TEST(h.dataLength == 258u);
  ReplyHeader large = parseReplyHeader(std::string("ZBXD\x05\x03\0\0\0\0\0\0\0", 13));
  BOOST_TEST(large.headerSize == kLargeHeaderSize);
  parseLargeLengths(std::string("ZBXD\x05\x03\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 21), large);
  BOOST_TEST(large.dataLength == 3u);
}

BOOST_AUTO_TEST_CASE(reply_body_and_info_are_parsed) {
  const SenderReply r =
      parseReplyBody(R"({"response":"success","info":"processed: 3; failed: 1; total: 4; seconds spent: 0.000194"})");
  BOOST_TEST(r.success);
  BOOST_TEST(r.counted);
  BOOST_TEST(r.processed == 3u);
  BOOST_TEST(r.failed == 1u);
  BOOST_TEST(!parseReplyBody(R"({"response":"failed","info":"nope"})").success);
  BOOST_TEST(!parseReplyBody(R"({"response":"success"})").counted);
  BOOST_TEST(!parseReplyBody(R"({"response":"success","info":"processed: x; failed: 1"})").counted);
  BOOST_TEST(!parseReplyBody(R"({"response":"success","info":"processed: 99999999999999999999999; failed: 0"})").counted);
  BOOST_TEST(!parseReplyBody(R"({"response":"success","info":7})").counted);
  BOOST_CHECK_THROW(parseReplyBody("not json"), std::runtime_error);
  BOOST_CHECK_THROW(parseReplyBody("[1,2]"), std::runtime_error);
  BOOST_CHECK_THROW(parseReplyBody(R"({"response":1})"), std::runtime_error);
  BOOST_CHECK_THROW(parseReplyBody(std::string("{\"response\":\"success\"\0}", 24)), std::runtime_error);
  BOOST_CHECK_THROW(parseReplyBody(""), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(a_real_exchange_returns_the_counts) {
  FakeTrapper trapper([](const std::string&, int) { return FakeTrapper::ok(2, 1); });
  const SenderReply r = senderTo(trapper.port()).send({value("a"), value("b"), value("c")});
  BOOST_TEST(r.success);
  BOOST_TEST(r.processed == 2u);
  BOOST_TEST(r.failed == 1u);
  BOOST_REQUIRE_EQUAL(trapper.requests().size(), 1u);
  BOOST_TEST(trapper.rawRequest(0) == encodeRequest({value("a"), value("b"), value("c")}));
}

BOOST_AUTO_TEST_CASE(compressed_replies_are_inflated) {
  const std::string body = R"({"response":"success","info":"processed: 1; failed: 0; total: 1"})";
  std::ostringstream packed;
  {
    Poco::DeflatingOutputStream deflater(packed, Poco::DeflatingStreamBuf::STREAM_ZLIB);
    deflater << body;
    deflater.close();
  }
  FakeTrapper trapper([&](const std::string&, int) {
    return FakeTrapper::frame(packed.str(), 0x03, static_cast<uint32_t>(body.size()));
  });
  BOOST_TEST(senderTo(trapper.port()).send({value()}).processed == 1u);
}

BOOST_AUTO_TEST_CASE(hostile_replies_are_errors_not_crashes) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"ZBXD", "ended after"},                                                   // short header
      {FakeTrapper::frame(std::string(10, 'x')).substr(0, 16), "ended after"},  // short body
      {std::string("ZBXD\x01\xff\xff\xff\x7f\0\0\0\0", 13), "larger than 64 KiB"},
      {std::string("HTTP/1.1 400 Bad Request\r\n\r\n"), "ZBXD"},
      {FakeTrapper::frame("{]"), "not a JSON object"},
      {FakeTrapper::frame(std::string(64, '\0')), "not a JSON object"},
      {"", "ended after"},
  };
  for (const auto& [answer, expected] : cases) {
    FakeTrapper trapper([&answer = answer](const std::string&, int) { return answer; });
    const std::string error = errorOf(senderTo(trapper.port()));
    BOOST_TEST_CONTEXT("expected '" << expected << "'") {
      BOOST_TEST(error.find(expected) != std::string::npos, error);
      BOOST_TEST(error.find("127.0.0.1:" + std::to_string(trapper.port())) == 0u);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_server_that_never_answers_times_out) {
  FakeTrapper trapper([](const std::string&, int) { return FakeTrapper::kSilent; });
  const auto begin = std::chrono::steady_clock::now();
  const std::string error = errorOf(senderTo(trapper.port(), 300ms));
  const auto took = std::chrono::steady_clock::now() - begin;
  BOOST_TEST(!error.empty());
  BOOST_TEST(took < 2s);
}

BOOST_AUTO_TEST_CASE(nobody_listening_is_an_error_naming_the_server) {
  uint16_t port = 0;
  { FakeTrapper gone([](const std::string&, int) { return std::string(); }); port = gone.port(); }
  const std::string error = errorOf(senderTo(port));
  BOOST_TEST(error.find("127.0.0.1:" + std::to_string(port)) == 0u, error);
}
