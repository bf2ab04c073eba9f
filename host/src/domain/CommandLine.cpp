#include "domain/CommandLine.h"

#include "common/Exceptions.h"

#include <cstring>

namespace MultiFlexi {

namespace {

/// Splits `line` into words, or reports an unquoted shell metacharacter.
/// Returns false (and leaves words incomplete) when one is found.
bool split(const std::string& line, std::vector<std::string>& words) {
  static const char* kShellSyntax = "|&;<>()$`*?[~\n";
  std::string word;
  bool inWord = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == ' ' || c == '\t') {
      if (inWord) words.push_back(word);
      word.clear();
      inWord = false;
    } else if (c == '\\') {
      if (i + 1 >= line.size()) throw ValidationException("command line ends with a lone backslash: " + line);
      word += line[++i];
      inWord = true;
    } else if (c == '\'') {
      const std::size_t end = line.find('\'', i + 1);
      if (end == std::string::npos) throw ValidationException("command line has an unterminated ' quote: " + line);
      word.append(line, i + 1, end - i - 1);
      i = end;
      inWord = true;
    } else if (c == '"') {
      std::size_t j = i + 1;
      for (; j < line.size() && line[j] != '"'; ++j) {
        if (line[j] == '$' || line[j] == '`') return false;  // expansion inside double quotes
        if (line[j] == '\\' && j + 1 < line.size() && std::strchr("\"\\$`", line[j + 1])) ++j;
        word += line[j];
      }
      if (j >= line.size()) throw ValidationException("command line has an unterminated \" quote: " + line);
      i = j;
      inWord = true;
    } else if (std::strchr(kShellSyntax, c) != nullptr || (c == '#' && !inWord)) {
      return false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push_back(word);
  return true;
}

}  // namespace

bool needsShell(const std::string& line) {
  std::vector<std::string> words;
  return !split(line, words);
}

std::vector<std::string> commandArgv(const std::string& line) {
  std::vector<std::string> words;
  if (!split(line, words)) return {"/bin/sh", "-c", line};
  if (words.empty()) throw ValidationException("the command line is empty");
  return words;
}

}  // namespace MultiFlexi
