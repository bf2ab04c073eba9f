// Key material in memory libsodium guards: allocated with sodium_malloc
// (guard pages, locked against swapping) and wiped when freed.
#pragma once

#include <cstddef>
#include <string>

namespace MultiFlexi {

class SecureBuffer {
 public:
  /// `size` bytes of guarded memory. Throws std::bad_alloc when libsodium
  /// cannot allocate (or was not initialized).
  explicit SecureBuffer(std::size_t size);
  ~SecureBuffer();
  SecureBuffer(SecureBuffer&& other) noexcept;
  SecureBuffer& operator=(SecureBuffer&& other) noexcept;
  SecureBuffer(const SecureBuffer&) = delete;
  SecureBuffer& operator=(const SecureBuffer&) = delete;

  unsigned char* data() { return _data; }
  const unsigned char* data() const { return _data; }
  std::size_t size() const { return _size; }

 private:
  unsigned char* _data;
  std::size_t _size;
};

/// Overwrites a string's bytes (a decrypted value) before it is dropped.
void wipe(std::string& text);

/// Initializes libsodium once; throws CryptoException when it cannot.
void initSodium();

}  // namespace MultiFlexi
