// Replaces known secret values in a job's output stream with a mask. Output
// arrives in arbitrary chunks, so a secret split across two chunks is
// caught too: the tail of a chunk that could be the start of a secret is
// held back until the next chunk (or the end) shows what it is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace MultiFlexi {

class SecretMasker {
 public:
  /// Secrets shorter than `minLength` are not masked (masking "1" would
  /// destroy the output and reveal more than it hides).
  explicit SecretMasker(std::vector<std::string> secrets, std::size_t minLength = 4);

  /// The masked output that can be released after `chunk`.
  std::string feed(std::string_view chunk);
  /// What is still held back, at the end of the stream.
  std::string finish();
  /// `text` with every secret masked (no streaming).
  std::string mask(std::string text) const;
  bool empty() const { return _secrets.empty(); }

  static const char* const kMask;

 private:
  std::vector<std::string> _secrets;  // longest first
  std::string _held;
};

}  // namespace MultiFlexi
