#include "crypto/ApiTokenSecret.h"

#include "crypto/RandomText.h"

#include <algorithm>

namespace MultiFlexi {

namespace {
constexpr const char* kPrefix = "mfx_";
constexpr std::size_t kRandomBytes = 32;
}  // namespace

std::string generateApiToken() { return std::string(kPrefix) + randomBase64Url(kRandomBytes); }

bool looksLikeApiToken(const std::string& token) {
  const std::string prefix(kPrefix);
  return token.compare(0, prefix.size(), prefix) == 0 &&
         isBase64Url(std::string_view(token).substr(std::min(prefix.size(), token.size())),
                     base64UrlLength(kRandomBytes));
}

std::string apiTokenHash(const std::string& token) { return secretDigest(token); }

}  // namespace MultiFlexi
