#include "crypto/KeyFile.h"

#include "common/Exceptions.h"

#include <sodium.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace MultiFlexi::KeyFile {

namespace {

const char* kHeader =
    "# MultiFlexi master key. It unlocks every stored credential: keep it secret (mode 0600),\n"
    "# back it up apart from the database, never put it into the database.\n";
const char* kTag = "mfx-master-key-v1 ";

std::string errnoText() { return std::strerror(errno); }

}  // namespace

bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

SecureBuffer read(const std::string& path) {
  initSodium();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) throw EncryptionKeyException("cannot read the key file " + path + ": " + errnoText());
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw EncryptionKeyException("the key file " + path + " is not a regular file");
  }
  if (st.st_uid != ::geteuid()) {
    ::close(fd);
    throw EncryptionKeyException("the key file " + path + " belongs to uid " + std::to_string(st.st_uid) +
                                 ", not to this process's user (uid " + std::to_string(::geteuid()) +
                                 "): run multiflexi as the key's owner, or chown it");
  }
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    throw EncryptionKeyException("the key file " + path + " may be read or changed by others (mode " +
                                 [&] {
                                   char mode[8];
                                   std::snprintf(mode, sizeof mode, "%04o", st.st_mode & 07777);
                                   return std::string(mode);
                                 }() +
                                 "): chmod 600 " + path);
  }
  std::string content(static_cast<std::size_t>(st.st_size), '\0');
  const ssize_t got = ::read(fd, content.data(), content.size());
  ::close(fd);
  if (got != static_cast<ssize_t>(content.size())) {
    wipe(content);
    throw EncryptionKeyException("cannot read the key file " + path);
  }
  std::istringstream lines(content);
  std::string line;
  std::string encoded;
  int keys = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind(kTag, 0) == 0) {
      encoded = line.substr(std::strlen(kTag));
      ++keys;
    } else {
      keys = -1;
      break;
    }
  }
  wipe(content);
  wipe(line);
  if (keys != 1) {
    wipe(encoded);
    throw EncryptionKeyException("the key file " + path + " does not hold one MultiFlexi master key (a line '" +
                                 std::string(kTag) + "<base64>')");
  }
  SecureBuffer key(kKeyBytes);
  std::size_t length = 0;
  const int rc = sodium_base642bin(key.data(), key.size(), encoded.data(), encoded.size(), " \r\t", &length,
                                   nullptr, sodium_base64_VARIANT_ORIGINAL);
  wipe(encoded);
  if (rc != 0 || length != kKeyBytes)
    throw EncryptionKeyException("the key file " + path + " holds a malformed key (expected " +
                                 std::to_string(kKeyBytes) + " bytes in base64)");
  return key;
}

void write(const std::string& path, const SecureBuffer& key) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty() && !std::filesystem::exists(parent)) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) throw EncryptionKeyException("cannot create the directory of the key file " + path + ": " + ec.message());
    ::chmod(parent.c_str(), 0700);
  }
  // Written aside, then published with link(), which fails when the file
  // exists: a reader never sees a half-written key, and of two processes
  // creating it at once exactly one wins.
  const std::string aside =
      path + ".new." + std::to_string(::getpid()) + "." + std::to_string(randombytes_random());
  const int fd = ::open(aside.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) throw EncryptionKeyException("cannot create the key file " + path + ": " + errnoText());
  std::string encoded(sodium_base64_ENCODED_LEN(key.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), key.data(), key.size(), sodium_base64_VARIANT_ORIGINAL);
  encoded.resize(std::strlen(encoded.c_str()));
  std::string content = std::string(kHeader) + kTag + encoded + "\n";
  wipe(encoded);
  const bool written = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) &&
                       ::fsync(fd) == 0;
  wipe(content);
  ::close(fd);
  const bool published = written && ::link(aside.c_str(), path.c_str()) == 0;
  const std::string reason = errnoText();
  ::unlink(aside.c_str());
  if (!published) throw EncryptionKeyException("cannot create the key file " + path + ": " + reason);
}

SecureBuffer create(const std::string& path) {
  SecureBuffer key(kKeyBytes);
  randombytes_buf(key.data(), key.size());
  write(path, key);
  return key;
}

}  // namespace MultiFlexi::KeyFile
