#include "domain/AddressKey.h"

#include <arpa/inet.h>

#include <cstring>

namespace MultiFlexi {

std::string addressKey(const std::string& address) {
  if (address.find('\0') != std::string::npos) return address;
  unsigned char v6[16];
  if (inet_pton(AF_INET6, address.c_str(), v6) != 1) return address;  // IPv4 (or no address) as it is
  static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  char text[INET6_ADDRSTRLEN];
  if (std::memcmp(v6, mapped, sizeof mapped) == 0) {
    if (inet_ntop(AF_INET, v6 + 12, text, sizeof text) == nullptr) return address;
    return text;
  }
  std::memset(v6 + 8, 0, 8);  // the /64
  if (inet_ntop(AF_INET6, v6, text, sizeof text) == nullptr) return address;
  return std::string(text) + "/64";
}

}  // namespace MultiFlexi
