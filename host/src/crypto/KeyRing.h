// Encryption at rest. Secret values are sealed with XChaCha20-Poly1305 under
// a data key; data keys are stored wrapped (sealed with the master key from
// the key file, which is never stored with them). Every sealed value carries
// its key version, and its tenant, record and field are bound to it as
// associated data.
//
// The ring is libsodium only: it holds the master key and the unwrapped data
// keys in guarded memory. Where the wrapped keys live, and which version is
// current, is the store's business (store/KeyRepository.h): the ring reads
// new wrapped keys through the source it is loaded with.
//
// Key versions: exactly one is "current" (seals new values); "previous"
// ones still open values until a rotation has re-sealed them; "retired"
// ones are destroyed. Writers read the current version inside their own
// write transaction, so a rotation running in another process is seen at
// once and never races a writer.
#pragma once

#include "crypto/SealContext.h"
#include "crypto/SecureBuffer.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace MultiFlexi {

/// A data key as it is stored: sealed with the master key, base64.
struct WrappedKey {
  int version = 0;
  std::string wrapped;
};

class KeyRing {
 public:
  /// Every live (not retired) wrapped data key. Called with the ring's lock
  /// held, when the ring is loaded and when a value names a version the
  /// ring does not know yet (a rotation in another process). May throw.
  using WrappedKeySource = std::function<std::vector<WrappedKey>()>;

  /// The ring of `master` (read from `keyFile`), unwrapping every key of
  /// `source` now. `origin` names where the wrapped keys live (the
  /// database), for messages. Throws EncryptionKeyException naming the key
  /// file and `origin` when a wrapped key does not open with `master`.
  static std::shared_ptr<KeyRing> load(SecureBuffer master, std::string keyFile, std::string origin,
                                        WrappedKeySource source);

  /// Seals with data key `version`, which the caller read as the current
  /// version in its write transaction. Throws CryptoException when the
  /// version is retired or unknown.
  SealedValue seal(int version, std::string_view plaintext, const SealContext& context);
  /// Opens (decrypts) a sealed value of `context`. Throws CryptoException
  /// naming the context when it was altered, moved, or sealed with a
  /// retired key; never with the value.
  std::string unseal(const std::string& sealed, const SealContext& context);

  /// A new random data key (not yet in the ring).
  static SecureBuffer newDataKey();
  /// `dataKey` sealed with the master key for version `version`, base64: what is stored.
  std::string wrap(const SecureBuffer& dataKey, int version) const;
  /// Keeps `dataKey` as version `version` (replacing a key of that version).
  void adopt(int version, SecureBuffer dataKey);
  /// Drops the given versions from memory (after they were retired).
  void forget(const std::vector<int>& versions);

  const std::string& keyFile() const { return _keyFile; }

 private:
  KeyRing(SecureBuffer master, std::string keyFile, std::string origin, WrappedKeySource source);
  /// Unwraps every version of the source not yet known. Throws
  /// EncryptionKeyException when one does not open with the master key.
  /// Caller holds _mutex.
  void loadKeys();
  /// The data key of `version`, loading new versions from the source once.
  const SecureBuffer& dataKey(int version, const SealContext& context);

  const SecureBuffer _master;
  const std::string _keyFile;
  const std::string _origin;
  const WrappedKeySource _source;
  std::mutex _mutex;
  std::map<int, SecureBuffer> _keys;
};

}  // namespace MultiFlexi
