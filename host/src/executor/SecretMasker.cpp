#include "executor/SecretMasker.h"

#include <algorithm>

namespace MultiFlexi {

const char* const SecretMasker::kMask = "••••••••";

SecretMasker::SecretMasker(std::vector<std::string> secrets, std::size_t minLength) {
  for (std::string& s : secrets)
    if (s.size() >= minLength) _secrets.push_back(std::move(s));
  std::sort(_secrets.begin(), _secrets.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  _secrets.erase(std::unique(_secrets.begin(), _secrets.end()), _secrets.end());
}

std::string SecretMasker::mask(std::string text) const {
  std::string out;
  std::size_t pos = 0;
  // Where each secret next occurs at or after pos: searched again only once
  // passed, so a large text is scanned once per secret, not once per match.
  std::vector<std::size_t> next;
  for (const std::string& secret : _secrets) next.push_back(text.find(secret));
  for (;;) {
    // The earliest occurrence of any secret, longest first on ties.
    std::size_t best = std::string::npos;
    std::size_t bestLength = 0;
    for (std::size_t i = 0; i < _secrets.size(); ++i) {
      if (next[i] != std::string::npos && next[i] < pos) next[i] = text.find(_secrets[i], pos);
      if (next[i] < best) {
        best = next[i];
        bestLength = _secrets[i].size();
      }
    }
    if (best == std::string::npos) break;
    out.append(text, pos, best - pos);
    out += kMask;
    pos = best + bestLength;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

std::string SecretMasker::feed(std::string_view chunk) {
  if (_secrets.empty()) return std::string(chunk);
  std::string held = std::move(_held);
  _held.clear();
  held.append(chunk);
  // Whole secrets first, then hold back the longest tail that is a proper
  // prefix of some secret: it may complete with the next chunk.
  std::string text = mask(std::move(held));
  std::size_t hold = 0;
  for (const std::string& secret : _secrets) {
    const std::size_t most = std::min(secret.size() - 1, text.size());
    for (std::size_t n = most; n > hold; --n)
      if (text.compare(text.size() - n, n, secret, 0, n) == 0) {
        hold = n;
        break;
      }
  }
  _held = text.substr(text.size() - hold);
  text.resize(text.size() - hold);
  return text;
}

std::string SecretMasker::finish() {
  std::string rest = mask(std::move(_held));
  _held.clear();
  return rest;
}

}  // namespace MultiFlexi
