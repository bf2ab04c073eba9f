#include "ZabbixSender.h"

#include <Poco/Exception.h>
#include <Poco/InflatingStream.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <sstream>
#include <stdexcept>

namespace mfx::zabbix {

namespace {

Poco::Timespan span(std::chrono::milliseconds ms) { return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(ms.count()) * 1000); }

// Reads exactly n bytes or throws (peer closed, timeout).
std::string readExactly(Poco::Net::StreamSocket& socket, std::size_t n) {
  std::string out(n, '\0');
  std::size_t got = 0;
  while (got < n) {
    const int r = socket.receiveBytes(out.data() + got, static_cast<int>(n - got));
    if (r <= 0) throw std::runtime_error("reply ended after " + std::to_string(got) + " of " + std::to_string(n) + " bytes");
    got += static_cast<std::size_t>(r);
  }
  return out;
}

std::string inflate(const std::string& packed, uint64_t plainLength) {
  std::istringstream in(packed);
  Poco::InflatingInputStream inflater(in, Poco::InflatingStreamBuf::STREAM_ZLIB);
  std::string out(plainLength, '\0');
  inflater.read(out.data(), static_cast<std::streamsize>(plainLength));
  if (static_cast<uint64_t>(inflater.gcount()) != plainLength) throw std::runtime_error("compressed reply is truncated");
  return out;
}

}  // namespace

ZabbixSender::ZabbixSender(std::string server, uint16_t port, std::chrono::milliseconds connectTimeout,
                           std::chrono::milliseconds ioTimeout)
    : _server(std::move(server)), _port(port), _connectTimeout(connectTimeout), _ioTimeout(ioTimeout) {}

SenderReply ZabbixSender::send(const std::vector<SenderValue>& values) const {
  const std::string request = encodeRequest(values);
  try {
    Poco::Net::StreamSocket socket;
    socket.connect(Poco::Net::SocketAddress(_server, _port), span(_connectTimeout));
    socket.setSendTimeout(span(_ioTimeout));
    socket.setReceiveTimeout(span(_ioTimeout));
    socket.setNoDelay(true);
    std::size_t sent = 0;
    while (sent < request.size()) {
      const int n = socket.sendBytes(request.data() + sent, static_cast<int>(request.size() - sent));
      if (n <= 0) throw std::runtime_error("connection closed while sending");
      sent += static_cast<std::size_t>(n);
    }
    std::string head = readExactly(socket, kHeaderSize);
    ReplyHeader header = parseReplyHeader(head);
    if (header.headerSize == kLargeHeaderSize) {
      head += readExactly(socket, kLargeHeaderSize - kHeaderSize);
      parseLargeLengths(head, header);
    }
    if (header.dataLength > kMaxReply) throw std::runtime_error("reply of " + std::to_string(header.dataLength) + " bytes is larger than 64 KiB");
    std::string body = readExactly(socket, static_cast<std::size_t>(header.dataLength));
    if (header.flags & 0x02) {
      if (header.plainLength > kMaxReply) throw std::runtime_error("compressed reply inflates beyond 64 KiB");
      body = inflate(body, header.plainLength);
    }
    return parseReplyBody(body);
  } catch (const Poco::Exception& e) {
    throw std::runtime_error(endpoint() + ": " + e.displayText());
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(endpoint() + ": " + e.what());
  }
}

}  // namespace mfx::zabbix
