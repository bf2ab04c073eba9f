// Zabbix sender protocol (what zabbix_sender speaks to the trapper): the
// request framing and the reply's header, JSON and "info" counts. Pure
// functions over bytes; the socket is ZabbixSender's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mfx::zabbix {

/// One value for one item of one host.
struct SenderValue {
  std::string host;
  std::string key;
  std::string value;
  int64_t clock = 0;  ///< Unix seconds
  int32_t ns = 0;     ///< nanoseconds within the second
};

/// `ZBXD`, flags 0x01, uint32-LE length, uint32-LE reserved 0, then the JSON
/// {"request":"sender data","data":[...]}.
std::string encodeRequest(const std::vector<SenderValue>& values);

/// The reply header: 13 bytes, or 21 with the large-packet flag (0x04).
constexpr std::size_t kHeaderSize = 13;
constexpr std::size_t kLargeHeaderSize = 21;

struct ReplyHeader {
  uint8_t flags = 0;
  uint64_t dataLength = 0;    ///< bytes on the wire after the header
  uint64_t plainLength = 0;   ///< reserved: the uncompressed length with 0x02
  std::size_t headerSize = kHeaderSize;
};

/// Parses the first 13 bytes (`head`), and says how long the header is.
/// Throws std::runtime_error on a bad magic or unknown flags.
ReplyHeader parseReplyHeader(std::string_view head);
/// Completes a large-packet header from its 21 bytes.
void parseLargeLengths(std::string_view head, ReplyHeader& header);

struct SenderReply {
  bool success = false;       ///< "response":"success"
  std::string info;           ///< as the server wrote it (no secrets in it)
  bool counted = false;       ///< info had "processed: N; failed: M"
  uint64_t processed = 0;
  uint64_t failed = 0;
};

/// Parses the reply's JSON. Throws std::runtime_error when it is not a JSON
/// object with a string "response".
SenderReply parseReplyBody(std::string_view json);

/// Reads "processed: N; failed: M; ..." into reply; leaves counted false
/// when the text does not have that shape.
void parseInfo(const std::string& info, SenderReply& reply);

}  // namespace mfx::zabbix
