#include "domain/CommandLine.h"

#include "common/Exceptions.h"

#include <cctype>
#include <cstring>
#include <set>

namespace MultiFlexi {

namespace {

constexpr const char* kShellSyntax = "|&;<>()$`*?[~\n";

struct Macro {
  std::string name;
  std::string value;
  std::size_t end;  ///< index of the closing '}'
};

/// The known macro starting at line[i], if any.
std::optional<Macro> macroAt(const std::string& line, std::size_t i, const MacroLookup& lookup) {
  if (line[i] != '{') return std::nullopt;
  const std::size_t close = line.find('}', i + 1);
  if (close == std::string::npos) return std::nullopt;
  std::string name = line.substr(i + 1, close - i - 1);
  auto value = lookup(name);
  if (!value) return std::nullopt;
  return Macro{std::move(name), std::move(*value), close};
}

std::string unterminated(char quote, const std::string& line) {
  return std::string("command line has an unterminated ") + quote + " quote: " + line;
}

/// A word of the line: its value (macros replaced) and the manifest's own
/// text of it (quotes removed, macros as written).
struct Word {
  std::string value;
  std::string raw;
};

/// Splits `line` into words, macro values inserted as data. Returns false
/// as soon as the line's own text uses shell syntax.
bool splitWords(const std::string& line, const MacroLookup& lookup, std::vector<Word>& words) {
  Word word;
  bool quotedOrLiteral = false;  // such a word stays even when it is empty
  const auto endWord = [&] {
    if (quotedOrLiteral || !word.value.empty()) words.push_back(word);
    word = Word{};
    quotedOrLiteral = false;
  };
  const auto literal = [&](char c) {
    word.value += c;
    word.raw += c;
  };
  // Appends the macro at line[at] if there is one, and returns its end.
  const auto macroHere = [&](std::size_t at) -> std::optional<std::size_t> {
    auto macro = macroAt(line, at, lookup);
    if (!macro) return std::nullopt;
    word.value += macro->value;
    word.raw.append(line, at, macro->end - at + 1);
    return macro->end;
  };
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (auto end = macroHere(i)) {
      i = *end;
    } else if (c == ' ' || c == '\t') {
      endWord();
    } else if (c == '\\') {
      if (i + 1 >= line.size()) throw ValidationException("command line ends with a lone backslash: " + line);
      literal(line[++i]);
      quotedOrLiteral = true;
    } else if (c == '\'') {
      std::size_t j = i + 1;
      for (; j < line.size() && line[j] != '\''; ++j) {
        if (auto inner = macroHere(j))
          j = *inner;
        else
          literal(line[j]);
      }
      if (j >= line.size()) throw ValidationException(unterminated('\'', line));
      i = j;
      quotedOrLiteral = true;
    } else if (c == '"') {
      std::size_t j = i + 1;
      for (; j < line.size() && line[j] != '"'; ++j) {
        if (line[j] == '$' || line[j] == '`') return false;  // expansion inside double quotes
        if (auto inner = macroHere(j)) {
          j = *inner;
          continue;
        }
        if (line[j] == '\\' && j + 1 < line.size() && std::strchr("\"\\$`", line[j + 1])) ++j;
        literal(line[j]);
      }
      if (j >= line.size()) throw ValidationException(unterminated('"', line));
      i = j;
      quotedOrLiteral = true;
    } else if (std::strchr(kShellSyntax, c) != nullptr || (c == '#' && !quotedOrLiteral && word.value.empty())) {
      return false;
    } else {
      literal(c);
      quotedOrLiteral = true;
    }
  }
  endWord();
  return true;
}

/// The index of the script of `sh -c SCRIPT` (also bash, dash, ksh, zsh,
/// after `env` and its assignments), or nothing.
std::optional<std::size_t> shellScriptWord(const std::vector<Word>& words) {
  static const std::set<std::string> kShells{"sh", "bash", "dash", "ksh", "mksh", "zsh", "ash"};
  const auto base = [](const std::string& path) { return path.substr(path.rfind('/') + 1); };
  std::size_t i = 0;
  if (!words.empty() && base(words[0].raw) == "env")
    for (i = 1; i < words.size() && (words[i].raw.find('=') != std::string::npos || words[i].raw.rfind('-', 0) == 0); ++i) {
    }
  if (i >= words.size() || !kShells.count(base(words[i].raw))) return std::nullopt;
  bool script = false;
  for (++i; i < words.size(); ++i) {
    const std::string& w = words[i].raw;
    if (w == "--" || w.size() < 2 || (w[0] != '-' && w[0] != '+')) break;
    if (w == "-o" || w == "+o") {
      ++i;
      continue;
    }
    if (w[0] == '-' && w[1] != '-' && w.find('c') != std::string::npos) script = true;
  }
  if (i < words.size() && words[i].raw == "--") ++i;
  if (!script || i >= words.size()) return std::nullopt;
  return i;
}

bool isShellName(const std::string& name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

/// `line` as a script with each macro replaced by a reference to the job's
/// variable of that name, quoted for the context it stands in.
std::string shellScript(const std::string& line, const MacroLookup& lookup) {
  enum class Context { Plain, Single, Double, Backtick };
  struct Frame {
    Context context;
    int parens;  // open '(' inside a $( ) frame
  };
  std::vector<Frame> stack{{Context::Plain, 0}};
  std::string out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    const Context context = stack.back().context;
    if (auto macro = macroAt(line, i, lookup)) {
      if (!isShellName(macro->name))
        throw ValidationException("macro {" + macro->name +
                                  "} cannot be passed to a shell: its name is not a shell variable name");
      const std::string reference = "${" + macro->name + "}";
      if (context == Context::Single)
        out += "'\"" + reference + "\"'";  // leave the single quotes, expand, enter them again
      else if (context == Context::Double)
        out += reference;
      else
        out += '"' + reference + '"';
      i = macro->end;
      continue;
    }
    out += c;
    if (context == Context::Single) {
      if (c == '\'') stack.pop_back();
      continue;
    }
    const char next = i + 1 < line.size() ? line[i + 1] : '\0';
    if (c == '\\' && next != '\0') {
      out += line[++i];
    } else if (c == '$' && next == '{') {  // the shell's own ${VAR}: copied as written
      const std::size_t close = line.find('}', i);
      if (close == std::string::npos) continue;
      out.append(line, i + 1, close - i);
      i = close;
    } else if (c == '$' && next == '(') {
      out += line[++i];
      stack.push_back({Context::Plain, 0});
    } else if (c == '`') {
      if (context == Context::Backtick)
        stack.pop_back();
      else
        stack.push_back({Context::Backtick, 0});
    } else if (context == Context::Double) {
      if (c == '"') stack.pop_back();
    } else if (c == '\'') {
      stack.push_back({Context::Single, 0});
    } else if (c == '"') {
      stack.push_back({Context::Double, 0});
    } else if (c == '(' && stack.size() > 1) {
      ++stack.back().parens;
    } else if (c == ')' && stack.size() > 1 && context == Context::Plain) {
      if (stack.back().parens == 0)
        stack.pop_back();
      else
        --stack.back().parens;
    }
  }
  if (stack.back().context == Context::Single) throw ValidationException(unterminated('\'', line));
  if (stack.back().context == Context::Double) throw ValidationException(unterminated('"', line));
  return out;
}

/// `word` as a shell would read it back: bare when safe, else single-quoted.
std::string quotedWord(const std::string& word) {
  static const char* kSafe = "_@%+=:,./-";
  bool safe = !word.empty();
  for (char c : word)
    if (!std::isalnum(static_cast<unsigned char>(c)) && std::strchr(kSafe, c) == nullptr) safe = false;
  if (safe) return word;
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

CommandLine buildCommandLine(const std::string& line, const MacroLookup& lookup) {
  CommandLine command;
  std::vector<Word> words;
  if (splitWords(line, lookup, words)) {
    if (words.empty()) throw ValidationException("the command line is empty");
    // A shell's script is syntax too: its macros become variable references.
    const auto script = shellScriptWord(words);
    for (std::size_t i = 0; i < words.size(); ++i) {
      command.argv.push_back(script == i ? shellScript(words[i].raw, lookup) : words[i].value);
      command.display += (i == 0 ? "" : " ") + quotedWord(command.argv.back());
    }
    return command;
  }
  command.shell = true;
  command.display = shellScript(line, lookup);
  command.argv = {"/bin/sh", "-c", command.display};
  return command;
}

}  // namespace MultiFlexi
