#include "domain/JobTrace.h"

#include <sodium.h>

#include <array>

namespace MultiFlexi {

namespace {

/// The first `bytes` bytes of the 16-byte BLAKE2b (its shortest output) of
/// "multiflexi.<purpose>:<job id>:<created at>", as hex.
std::string derivedId(const char* purpose, int64_t jobId, Instant createdAt, std::size_t bytes) {
  const std::string input = std::string("multiflexi.") + purpose + ":" + std::to_string(jobId) + ":" +
                            std::to_string(createdAt);
  std::array<unsigned char, 16> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                     nullptr, 0);
  bool zero = true;
  for (std::size_t i = 0; i < bytes; ++i) zero = zero && hash[i] == 0;
  if (zero) hash[bytes - 1] = 1;  // W3C: an all-zero id is invalid
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), bytes);
  hex.pop_back();
  return hex;
}

}  // namespace

std::string JobTrace::traceparent() const { return "00-" + traceId + "-" + runSpanId + "-01"; }

JobTrace jobTrace(int64_t jobId, Instant createdAt) {
  return JobTrace{derivedId("trace", jobId, createdAt, 16), derivedId("span", jobId, createdAt, 8),
                  derivedId("run-span", jobId, createdAt, 8)};
}

}  // namespace MultiFlexi
