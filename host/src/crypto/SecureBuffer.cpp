#include "crypto/SecureBuffer.h"

#include "common/Exceptions.h"

#include <sodium.h>

#include <new>
#include <utility>

namespace MultiFlexi {

void initSodium() {
  if (sodium_init() < 0) throw CryptoException("libsodium cannot be initialized");
}

SecureBuffer::SecureBuffer(std::size_t size) : _data(nullptr), _size(size) {
  initSodium();
  _data = static_cast<unsigned char*>(sodium_malloc(size));
  if (_data == nullptr) throw std::bad_alloc();
}

SecureBuffer::~SecureBuffer() {
  if (_data != nullptr) sodium_free(_data);  // wipes before freeing
}

SecureBuffer::SecureBuffer(SecureBuffer&& other) noexcept
    : _data(std::exchange(other._data, nullptr)), _size(std::exchange(other._size, 0)) {}

SecureBuffer& SecureBuffer::operator=(SecureBuffer&& other) noexcept {
  if (this != &other) {
    if (_data != nullptr) sodium_free(_data);
    _data = std::exchange(other._data, nullptr);
    _size = std::exchange(other._size, 0);
  }
  return *this;
}

void wipe(std::string& text) {
  if (!text.empty()) sodium_memzero(text.data(), text.size());
  text.clear();
}

}  // namespace MultiFlexi
