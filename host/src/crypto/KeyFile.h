// The master key file: one 32-byte key-encryption key, base64 on a line of
// its own, in a file only its owner may read. It never enters the database.
#pragma once

#include "crypto/SecureBuffer.h"

#include <string>

namespace MultiFlexi {

namespace KeyFile {

/// Bytes of a master key.
constexpr std::size_t kKeyBytes = 32;

bool exists(const std::string& path);

/// Reads the key. Throws EncryptionKeyException naming `path` when it cannot
/// be read, when another user owns it, when group or others may access it
/// ("chmod 600 <path>"), or
/// when it does not hold exactly one well-formed key.
SecureBuffer read(const std::string& path);

/// Creates `path` (mode 0600, its directory 0700 when missing) holding a
/// new random key, refusing to overwrite an existing file. Throws
/// EncryptionKeyException naming the path when it cannot.
SecureBuffer create(const std::string& path);

/// Writes `key` to a new file at `path` (mode 0600); refuses to overwrite.
void write(const std::string& path, const SecureBuffer& key);

}  // namespace KeyFile

}  // namespace MultiFlexi
