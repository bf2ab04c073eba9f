#include "crypto/KeyRing.h"

#include "common/Clock.h"
#include "common/Exceptions.h"
#include "crypto/KeyFile.h"
#include "store/Sql.h"
#include "store/Transaction.h"

#include <sodium.h>

#include <cstring>

namespace MultiFlexi {

using Sql::value;

namespace {

constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
const std::string kPrefix = "mf:v1:";

std::string base64(const unsigned char* bytes, std::size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::optional<std::string> unbase64(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                        nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(length);
  return out;
}

/// nonce || ciphertext || tag of `plaintext` under `key`, bound to `ad`.
std::string aeadSeal(const unsigned char* key, std::string_view plaintext, const std::string& ad) {
  std::string out(kNonce + plaintext.size() + kTag, '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(bytes, kNonce);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(bytes + kNonce, &written,
                                             reinterpret_cast<const unsigned char*>(plaintext.data()),
                                             plaintext.size(), reinterpret_cast<const unsigned char*>(ad.data()),
                                             ad.size(), nullptr, bytes, key);
  return out;
}

/// The plaintext, or nothing when `blob` does not authenticate under `key` and `ad`.
std::optional<std::string> aeadOpen(const unsigned char* key, const std::string& blob, const std::string& ad) {
  if (blob.size() < kNonce + kTag) return std::nullopt;
  const auto* bytes = reinterpret_cast<const unsigned char*>(blob.data());
  std::string out(blob.size() - kNonce - kTag, '\0');
  unsigned long long length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(out.data()), &length, nullptr,
                                                 bytes + kNonce, blob.size() - kNonce,
                                                 reinterpret_cast<const unsigned char*>(ad.data()), ad.size(),
                                                 bytes, key) != 0)
    return std::nullopt;
  out.resize(length);
  return out;
}

std::string dataKeyAd(int version) { return std::string("multiflexi\0data-key\0v", 21) + std::to_string(version); }

}  // namespace

KeyRing::KeyRing(Database& database, SecureBuffer master, std::string keyFile)
    : _database(database), _master(std::move(master)), _keyFile(std::move(keyFile)) {}

std::shared_ptr<KeyRing> KeyRing::open(Database& database, const std::string& keyFile, Poco::Logger& log) {
  initSodium();
  Poco::Data::Session s = database.session();
  auto live = Sql::query(s, "SELECT version AS id FROM encryption_key WHERE state <> 'retired' ORDER BY version");
  std::optional<SecureBuffer> master;
  if (!KeyFile::exists(keyFile)) {
    if (live.rowCount() > 0)
      throw EncryptionKeyException("the database " + database.location() + " holds data sealed with key version(s) " +
                                   Sql::idList(live) + ", but the key file " + keyFile +
                                   " is missing: restore it from your backup, or set MULTIFLEXI_KEY_FILE to where it is");
    try {
      master = KeyFile::create(keyFile);
      log.warning("created the master key file %s: back it up apart from the database; without it no stored "
                  "credential can be read",
                  keyFile);
    } catch (const EncryptionKeyException&) {
      if (!KeyFile::exists(keyFile)) throw;
      master = KeyFile::read(keyFile);  // another process created it at the same moment
    }
  } else {
    master = KeyFile::read(keyFile);
  }
  std::shared_ptr<KeyRing> ring(new KeyRing(database, std::move(*master), keyFile));
  inTransaction(database, [&](Poco::Data::Session& tx) {
    if (Sql::scalar(tx, "SELECT COUNT(*) FROM encryption_key WHERE state = 'current'") == 0) ring->addVersion(tx);
  });
  std::lock_guard<std::mutex> lock(ring->_mutex);
  ring->loadKeys(s);
  return ring;
}

std::string KeyRing::wrap(const SecureBuffer& dataKey, int version) const {
  const std::string sealed =
      aeadSeal(_master.data(), std::string_view(reinterpret_cast<const char*>(dataKey.data()), dataKey.size()),
               dataKeyAd(version));
  return base64(reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size());
}

void KeyRing::loadKeys(Poco::Data::Session& s) {
  auto rs = Sql::query(s, "SELECT version, wrapped FROM encryption_key WHERE state <> 'retired' ORDER BY version");
  for (std::size_t r = 0; r < rs.rowCount(); ++r) {
    const int version = static_cast<int>(Sql::integer(rs, "version", r));
    if (_keys.count(version)) continue;
    auto blob = unbase64(Sql::text(rs, "wrapped", r));
    std::optional<std::string> key;
    if (blob) key = aeadOpen(_master.data(), *blob, dataKeyAd(version));
    if (!key || key->size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES) {
      if (key) wipe(*key);
      throw EncryptionKeyException("the key file " + _keyFile + " does not hold the key this database (" +
                                   _database.location() + ") was sealed with: data key version " +
                                   std::to_string(version) + " does not open with it");
    }
    SecureBuffer buffer(key->size());
    std::memcpy(buffer.data(), key->data(), key->size());
    wipe(*key);
    _keys.emplace(version, std::move(buffer));
  }
}

int KeyRing::addVersion(Poco::Data::Session& s) {
  const int version = static_cast<int>(Sql::scalar(s, "SELECT COALESCE(MAX(version), 0) FROM encryption_key")) + 1;
  SecureBuffer key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  crypto_aead_xchacha20poly1305_ietf_keygen(key.data());
  Sql::execute(s, "UPDATE encryption_key SET state = 'previous' WHERE state = 'current'");
  Sql::execute(s, "INSERT INTO encryption_key (version, wrapped, state, created_at) VALUES (?, ?, 'current', ?)",
               {value(version), value(wrap(key, version)), value(nowMs())});
  std::lock_guard<std::mutex> lock(_mutex);
  _keys.insert_or_assign(version, std::move(key));
  return version;
}

void KeyRing::retire(Poco::Data::Session& s, const std::vector<int>& versions) {
  for (int version : versions)
    Sql::execute(s,
                 "UPDATE encryption_key SET state = 'retired', wrapped = '', retired_at = ? WHERE version = ? AND "
                 "state = 'previous'",
                 {value(nowMs()), value(version)});
  std::lock_guard<std::mutex> lock(_mutex);
  for (int version : versions) _keys.erase(version);
}

int KeyRing::currentVersion(Poco::Data::Session& s) {
  auto rs = Sql::query(s, "SELECT version FROM encryption_key WHERE state = 'current'");
  if (rs.rowCount() != 1) throw EncryptionKeyException("the database has no current data key (run any command to create one)");
  return static_cast<int>(Sql::integer(rs, "version", 0));
}

std::vector<KeyVersionInfo> KeyRing::versions(Poco::Data::Session& s) {
  auto rs = Sql::query(s, "SELECT version, state, created_at, retired_at FROM encryption_key ORDER BY version");
  std::vector<KeyVersionInfo> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) {
    KeyVersionInfo info;
    info.version = static_cast<int>(Sql::integer(rs, "version", r));
    info.state = Sql::text(rs, "state", r);
    info.createdAt = Sql::integer(rs, "created_at", r);
    info.retiredAt = Sql::optInteger(rs, "retired_at", r);
    out.push_back(info);
  }
  return out;
}

const SecureBuffer& KeyRing::dataKey(int version, const SealContext& context) {
  // Caller holds _mutex.
  auto it = _keys.find(version);
  if (it == _keys.end()) {
    Poco::Data::Session s = _database.session();
    loadKeys(s);  // sealed by another process after a rotation began
    it = _keys.find(version);
  }
  if (it == _keys.end())
    throw CryptoException(context.describe() + " is sealed with data key version " + std::to_string(version) +
                          ", which is retired or unknown");
  return it->second;
}

SealedValue KeyRing::seal(Poco::Data::Session& s, std::string_view plaintext, const SealContext& context) {
  return seal(currentVersion(s), plaintext, context);
}

SealedValue KeyRing::seal(int version, std::string_view plaintext, const SealContext& context) {
  std::lock_guard<std::mutex> lock(_mutex);
  const SecureBuffer& key = dataKey(version, context);
  const std::string blob = aeadSeal(key.data(), plaintext, context.associatedData(version));
  return SealedValue{kPrefix + std::to_string(version) + ":" +
                         base64(reinterpret_cast<const unsigned char*>(blob.data()), blob.size()),
                     version};
}

std::string KeyRing::open(const std::string& sealed, const SealContext& context) {
  const auto bad = [&](const std::string& why) { return CryptoException(context.describe() + ": " + why); };
  if (sealed.rfind(kPrefix, 0) != 0) throw bad("not a sealed value (no '" + kPrefix + "' header)");
  const std::size_t colon = sealed.find(':', kPrefix.size());
  if (colon == std::string::npos || colon == kPrefix.size()) throw bad("sealed value without a key version");
  int version = 0;
  for (std::size_t i = kPrefix.size(); i < colon; ++i) {
    if (sealed[i] < '0' || sealed[i] > '9' || version > 1'000'000) throw bad("malformed key version");
    version = version * 10 + (sealed[i] - '0');
  }
  auto blob = unbase64(std::string_view(sealed).substr(colon + 1));
  if (!blob) throw bad("sealed value is not valid base64 (truncated or altered)");
  std::lock_guard<std::mutex> lock(_mutex);
  const SecureBuffer& key = dataKey(version, context);
  auto plain = aeadOpen(key.data(), *blob, context.associatedData(version));
  if (!plain)
    throw bad("sealed value does not authenticate: it was altered, or belongs to another record, field or tenant");
  return std::move(*plain);
}

}  // namespace MultiFlexi
