// The data keys in the database (table encryption_key): their versions and
// states, the wrapped key material, and the key ring loaded from them. The
// cryptography is crypto/KeyRing's; this is the SQL around it.
#pragma once

#include "crypto/KeyRing.h"
#include "store/Database.h"

#include <Poco/Data/Session.h>
#include <Poco/Logger.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace MultiFlexi {

/// One data key version as the database records it.
struct KeyVersionInfo {
  int version = 0;
  std::string state;  ///< current, previous, retired
  int64_t createdAt = 0;
  std::optional<int64_t> retiredAt;
};

namespace KeyRepository {

/// Loads the key ring of `database` with the master key in `keyFile`.
/// When the file does not exist and the database holds no keys, creates
/// the file (mode 0600) and says where in `log`. Creates the first data
/// key when the database has none. Throws EncryptionKeyException naming
/// the file when sealed data exists and the file is missing, unreadable,
/// open to others, or holds another key. The ring reads keys added later
/// (by another process) from `database`, which must outlive it.
std::shared_ptr<KeyRing> loadRing(Database& database, const std::string& keyFile, Poco::Logger& log);

/// Every live (not retired) wrapped data key, oldest first.
std::vector<WrappedKey> wrappedKeys(Poco::Data::Session& session);
/// Makes a new data key of `ring` the current one; the old current becomes
/// "previous". Runs in `session`'s transaction. Returns the new version.
int addVersion(Poco::Data::Session& session, KeyRing& ring);
/// Destroys the given previous versions (state retired, key material gone).
void retire(Poco::Data::Session& session, KeyRing& ring, const std::vector<int>& versions);
/// The current version as of `session`. Throws EncryptionKeyException when there is none.
int currentVersion(Poco::Data::Session& session);
/// Every version, oldest first.
std::vector<KeyVersionInfo> versions(Poco::Data::Session& session);

/// Seals `plaintext` for `context` with the current data key, read in
/// `session` (which must be inside the caller's write transaction).
SealedValue sealCurrent(Poco::Data::Session& session, KeyRing& ring, std::string_view plaintext,
                        const SealContext& context);

}  // namespace KeyRepository

}  // namespace MultiFlexi
