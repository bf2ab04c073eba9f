// API token values: "mfx_" followed by base64url (no padding) of 32 random
// bytes, and the hash under which the store keeps one. A token carries 256
// random bits, so a fast hash (BLAKE2b-256, crypto_generichash) is enough to
// make a stolen table useless: no slow password hash is needed, and a lookup
// by hash costs one hash per request.
//
// Threads: stateless. Throws CryptoException when libsodium cannot start.
#pragma once

#include <string>

namespace MultiFlexi {

/// A new token value (48 characters).
std::string generateApiToken();
/// Whether `token` has the form generateApiToken() makes.
bool looksLikeApiToken(const std::string& token);
/// The lowercase hex BLAKE2b-256 of `token`, as stored.
std::string apiTokenHash(const std::string& token);

}  // namespace MultiFlexi
