#include "SenderProtocol.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdlib>
#include <stdexcept>

namespace mfx::zabbix {

namespace {

void putLe(std::string& out, uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

uint64_t getLe(std::string_view in, std::size_t at, int bytes) {
  uint64_t value = 0;
  for (int i = bytes - 1; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(in[at + i]);
  return value;
}

// The number after `name` ("processed: 3"), when it is there and fits.
bool countAfter(const std::string& info, const std::string& name, uint64_t& out) {
  const auto at = info.find(name);
  if (at == std::string::npos) return false;
  const char* start = info.c_str() + at + name.size();
  if (*start < '0' || *start > '9') return false;
  char* end = nullptr;
  errno = 0;
  const unsigned long long value = std::strtoull(start, &end, 10);
  if (errno != 0 || end == start) return false;
  out = value;
  return true;
}

}  // namespace

std::string encodeRequest(const std::vector<SenderValue>& values) {
  nlohmann::json data = nlohmann::json::array();
  for (const auto& v : values)
    data.push_back({{"host", v.host}, {"key", v.key}, {"value", v.value}, {"clock", v.clock}, {"ns", v.ns}});
  const std::string json =
      nlohmann::json{{"request", "sender data"}, {"data", std::move(data)}}.dump(-1, ' ', false,
                                                                                   nlohmann::json::error_handler_t::replace);
  if (json.size() > 0xffffffffu) throw std::length_error("sender request larger than 4 GiB");
  std::string out = "ZBXD";
  out.push_back('\x01');
  putLe(out, json.size(), 4);
  putLe(out, 0, 4);
  out += json;
  return out;
}

ReplyHeader parseReplyHeader(std::string_view head) {
  if (head.size() < kHeaderSize) throw std::runtime_error("reply header shorter than 13 bytes");
  if (head.substr(0, 4) != "ZBXD") throw std::runtime_error("reply does not start with ZBXD");
  ReplyHeader h;
  h.flags = static_cast<uint8_t>(head[4]);
  if ((h.flags & 0x01) == 0 || (h.flags & ~0x07) != 0)
    throw std::runtime_error("reply has unknown protocol flags " + std::to_string(h.flags));
  if (h.flags & 0x04) {
    h.headerSize = kLargeHeaderSize;
    return h;
  }
  h.dataLength = getLe(head, 5, 4);
  h.plainLength = getLe(head, 9, 4);
  return h;
}

void parseLargeLengths(std::string_view head, ReplyHeader& header) {
  if (head.size() < kLargeHeaderSize) throw std::runtime_error("large reply header shorter than 21 bytes");
  header.dataLength = getLe(head, 5, 8);
  header.plainLength = getLe(head, 13, 8);
}

SenderReply parseReplyBody(std::string_view json) {
  const nlohmann::json doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) throw std::runtime_error("reply is not a JSON object");
  const auto response = doc.find("response");
  if (response == doc.end() || !response->is_string()) throw std::runtime_error("reply has no \"response\"");
  SenderReply reply;
  reply.success = response->get<std::string>() == "success";
  if (const auto info = doc.find("info"); info != doc.end() && info->is_string()) {
    reply.info = info->get<std::string>();
    if (reply.info.size() > 512) reply.info.resize(512);
    parseInfo(reply.info, reply);
  }
  return reply;
}

void parseInfo(const std::string& info, SenderReply& reply) {
  uint64_t processed = 0;
  uint64_t failed = 0;
  reply.counted = countAfter(info, "processed: ", processed) && countAfter(info, "failed: ", failed);
  if (!reply.counted) return;
  reply.processed = processed;
  reply.failed = failed;
}

}  // namespace mfx::zabbix
