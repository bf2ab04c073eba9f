#include "crypto/ApiTokenSecret.h"

#include "crypto/SecureBuffer.h"

#include <sodium.h>

#include <algorithm>

namespace MultiFlexi {

namespace {
constexpr const char* kPrefix = "mfx_";
constexpr std::size_t kRandomBytes = 32;
}  // namespace

std::string generateApiToken() {
  initSodium();
  unsigned char random[kRandomBytes];
  randombytes_buf(random, sizeof random);
  char encoded[sodium_base64_ENCODED_LEN(kRandomBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, random, sizeof random, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(random, sizeof random);
  std::string token = std::string(kPrefix) + encoded;
  sodium_memzero(encoded, sizeof encoded);
  return token;
}

bool looksLikeApiToken(const std::string& token) {
  const std::string prefix(kPrefix);
  if (token.size() != prefix.size() + 43 || token.compare(0, prefix.size(), prefix) != 0) return false;
  return std::all_of(token.begin() + static_cast<std::ptrdiff_t>(prefix.size()), token.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

std::string apiTokenHash(const std::string& token) {
  initSodium();
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     nullptr, 0);
  char hex[2 * sizeof digest + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

}  // namespace MultiFlexi
