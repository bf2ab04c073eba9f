// Random secrets as text and their stored form: base64url (no padding) of
// random bytes from libsodium, the BLAKE2b-256 hex digest a store keeps
// instead of a secret with that much entropy, and a comparison of secrets
// that takes the same time wherever they differ. API tokens
// (ApiTokenSecret.h) and console sessions (catalog/SessionCatalog.h) are
// made of these.
//
// Threads: stateless. Throws CryptoException when libsodium cannot start.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace MultiFlexi {

/// base64url without padding of `bytes` random bytes.
std::string randomBase64Url(std::size_t bytes);
/// Whether `text` is `length` characters of the base64url alphabet.
bool isBase64Url(std::string_view text, std::size_t length);
/// The length randomBase64Url(bytes) answers with.
constexpr std::size_t base64UrlLength(std::size_t bytes) { return (bytes * 4 + 2) / 3; }
/// The lowercase hex BLAKE2b-256 of `secret`.
std::string secretDigest(std::string_view secret);
/// Whether two secrets are equal, in time that depends on their length only
/// (sodium_memcmp); secrets of different lengths, or empty ones, are not.
bool secretsEqual(std::string_view a, std::string_view b);

}  // namespace MultiFlexi
