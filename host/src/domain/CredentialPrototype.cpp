#include "domain/CredentialPrototype.h"

#include <set>
#include <sstream>

namespace MultiFlexi {

const PrototypeField* CredentialPrototype::field(const std::string& keyword) const {
  for (const PrototypeField& f : fields)
    if (f.keyword == keyword) return &f;
  return nullptr;
}

bool isKnownFieldType(const std::string& type) {
  static const std::set<std::string> known = {"string", "password", "email",    "url",  "integer", "boolean",
                                              "select", "textarea", "file",     "number", "secret"};
  return known.count(type) > 0;
}

bool isSecretField(const std::string& type, const std::string& keyword) {
  if (type == "password" || type == "secret") return true;
  std::vector<std::string> words;
  std::istringstream parts(keyword);
  for (std::string word; std::getline(parts, word, '_');)
    if (!word.empty()) words.push_back(word);
  if (words.empty()) return false;
  static const std::set<std::string> describesNotHolds = {"NAME", "ID",   "URL",      "URI",   "FILE", "PATH",
                                                          "TYPE", "USER", "USERNAME", "LOGIN", "HINT", "MODE"};
  if (describesNotHolds.count(words.back())) return false;
  static const std::set<std::string> secretWords = {"PASSWORD", "PASSWD", "PASS", "PIN", "TOKEN", "KEY", "APIKEY"};
  for (const std::string& word : words)
    if (secretWords.count(word) || word.find("SECRET") != std::string::npos) return true;
  return false;
}

}  // namespace MultiFlexi
