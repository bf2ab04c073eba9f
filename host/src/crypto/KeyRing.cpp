#include "crypto/KeyRing.h"

#include "common/Exceptions.h"

#include <sodium.h>

#include <cstring>
#include <optional>

namespace MultiFlexi {

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

KeyRing::KeyRing(SecureBuffer master, std::string keyFile, std::string origin, WrappedKeySource source)
    : _master(std::move(master)),
      _keyFile(std::move(keyFile)),
      _origin(std::move(origin)),
      _source(std::move(source)) {}

std::shared_ptr<KeyRing> KeyRing::load(SecureBuffer master, std::string keyFile, std::string origin,
                                       WrappedKeySource source) {
  initSodium();
  std::shared_ptr<KeyRing> ring(new KeyRing(std::move(master), std::move(keyFile), std::move(origin), std::move(source)));
  std::lock_guard<std::mutex> lock(ring->_mutex);
  ring->loadKeys();
  return ring;
}

std::string KeyRing::wrap(const SecureBuffer& dataKey, int version) const {
  const std::string sealed =
      aeadSeal(_master.data(), std::string_view(reinterpret_cast<const char*>(dataKey.data()), dataKey.size()),
               dataKeyAd(version));
  return base64(reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size());
}

void KeyRing::loadKeys() {
  for (const WrappedKey& stored : _source()) {
    const int version = stored.version;
    if (_keys.count(version)) continue;
    auto blob = unbase64(stored.wrapped);
    std::optional<std::string> key;
    if (blob) key = aeadOpen(_master.data(), *blob, dataKeyAd(version));
    if (!key || key->size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES) {
      if (key) wipe(*key);
      throw EncryptionKeyException("the key file " + _keyFile + " does not hold the key this database (" + _origin +
                                   ") was sealed with: data key version " + std::to_string(version) +
                                   " does not open with it");
    }
    SecureBuffer buffer(key->size());
    std::memcpy(buffer.data(), key->data(), key->size());
    wipe(*key);
    _keys.emplace(version, std::move(buffer));
  }
}

SecureBuffer KeyRing::newDataKey() {
  initSodium();
  SecureBuffer key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  crypto_aead_xchacha20poly1305_ietf_keygen(key.data());
  return key;
}

void KeyRing::adopt(int version, SecureBuffer dataKey) {
  std::lock_guard<std::mutex> lock(_mutex);
  _keys.insert_or_assign(version, std::move(dataKey));
}

void KeyRing::forget(const std::vector<int>& versions) {
  std::lock_guard<std::mutex> lock(_mutex);
  for (int version : versions) _keys.erase(version);
}

const SecureBuffer& KeyRing::dataKey(int version, const SealContext& context) {
  // Caller holds _mutex.
  auto it = _keys.find(version);
  if (it == _keys.end()) {
    loadKeys();  // sealed by another process after a rotation began
    it = _keys.find(version);
  }
  if (it == _keys.end())
    throw CryptoException(context.describe() + " is sealed with data key version " + std::to_string(version) +
                          ", which is retired or unknown");
  return it->second;
}

SealedValue KeyRing::seal(int version, std::string_view plaintext, const SealContext& context) {
  std::lock_guard<std::mutex> lock(_mutex);
  const SecureBuffer& key = dataKey(version, context);
  const std::string blob = aeadSeal(key.data(), plaintext, context.associatedData(version));
  return SealedValue{kPrefix + std::to_string(version) + ":" +
                         base64(reinterpret_cast<const unsigned char*>(blob.data()), blob.size()),
                     version};
}

std::string KeyRing::unseal(const std::string& sealed, const SealContext& context) {
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
