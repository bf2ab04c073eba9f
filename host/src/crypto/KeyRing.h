// Encryption at rest. Secret values are sealed with XChaCha20-Poly1305 under
// a data key; data keys live in the database, each sealed with the master
// key from the key file (which never enters the database). Every sealed
// value carries its key version, and its tenant, record and field are bound
// to it as associated data.
//
// Key versions: exactly one is "current" (seals new values); "previous"
// ones still open values until a rotation has re-sealed them; "retired"
// ones are destroyed. Writers read the current version inside their own
// write transaction, so a rotation running in another process is seen at
// once and never races a writer.
#pragma once

#include "crypto/SealContext.h"
#include "crypto/SecureBuffer.h"
#include "store/Database.h"

#include <Poco/Data/Session.h>
#include <Poco/Logger.h>

#include <map>
#include <memory>
#include <mutex>
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

class KeyRing {
 public:
  /// Opens the key ring of `database` with the master key in `keyFile`.
  /// When the file does not exist and the database holds no keys, creates
  /// the file (mode 0600) and says where in the log. Creates the first data
  /// key when the database has none. Throws EncryptionKeyException naming
  /// the file when sealed data exists and the file is missing, unreadable,
  /// open to others, or holds another key.
  static std::shared_ptr<KeyRing> open(Database& database, const std::string& keyFile, Poco::Logger& log);

  /// Seals `plaintext` for `context` with the current data key, read in
  /// `session` (which must be inside the caller's write transaction).
  SealedValue seal(Poco::Data::Session& session, std::string_view plaintext, const SealContext& context);
  /// Seals with data key `version`, which the caller read with
  /// currentVersion() in its write transaction (to seal many values at once).
  SealedValue seal(int version, std::string_view plaintext, const SealContext& context);
  /// Opens a sealed value of `context`. Throws CryptoException naming the
  /// context when it was altered, moved, or sealed with a retired key.
  std::string open(const std::string& sealed, const SealContext& context);

  /// Makes a new data key the current one; the old current becomes
  /// "previous". Runs in `session`'s transaction. Returns the new version.
  int addVersion(Poco::Data::Session& session);
  /// Destroys the given previous versions (state retired, key material gone).
  void retire(Poco::Data::Session& session, const std::vector<int>& versions);
  /// The current version as of `session`.
  static int currentVersion(Poco::Data::Session& session);
  /// Every version, oldest first.
  static std::vector<KeyVersionInfo> versions(Poco::Data::Session& session);

  const std::string& keyFile() const { return _keyFile; }

 private:
  KeyRing(Database& database, SecureBuffer master, std::string keyFile);
  /// Unwraps every version not yet known. Throws EncryptionKeyException
  /// when one does not open with the master key.
  void loadKeys(Poco::Data::Session& session);
  /// The data key of `version`, loading new versions from the database once.
  const SecureBuffer& dataKey(int version, const SealContext& context);
  std::string wrap(const SecureBuffer& dataKey, int version) const;

  Database& _database;
  const SecureBuffer _master;
  const std::string _keyFile;
  std::mutex _mutex;
  std::map<int, SecureBuffer> _keys;
};

}  // namespace MultiFlexi
