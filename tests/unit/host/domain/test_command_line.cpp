// How a manifest's command line becomes argv: shell or not is decided on the
// manifest's own text, and macro values are data, never syntax.
#include <boost/test/unit_test.hpp>

#include "common/Exceptions.h"
#include "domain/CommandLine.h"

#include <map>

using namespace MultiFlexi;

namespace {

using Words = std::vector<std::string>;

CommandLine build(const std::string& line, const std::map<std::string, std::string>& values = {}) {
  return buildCommandLine(line, [&values](const std::string& name) -> std::optional<std::string> {
    const auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(command_line)

BOOST_AUTO_TEST_CASE(a_plain_command_line_runs_without_a_shell) {
  BOOST_TEST((build("mtr-multiflexi").argv == Words{"mtr-multiflexi"}));
  BOOST_TEST((build("tool --name 'two words' \"x y\" a\\ b").argv == Words{"tool", "--name", "two words", "x y", "a b"}));
  BOOST_TEST((build("tool \"say \\\"hi\\\"\"").argv == Words{"tool", "say \"hi\""}));
  BOOST_TEST((build("tool {UNSET} key=value").argv == Words{"tool", "{UNSET}", "key=value"}));
  BOOST_TEST((build("tool a#b").argv == Words{"tool", "a#b"}));  // # inside a word is not a comment
  BOOST_TEST(!build("echo '$HOME | *'").shell);                 // quoted: no shell needed
}

BOOST_AUTO_TEST_CASE(macro_values_are_one_word_each_whatever_they_hold) {
  const std::map<std::string, std::string> values{
      {"TITLE", "Monthly report"}, {"OUT", "/tmp/out.json"}, {"EVIL", "x;touch /tmp/p;echo"},
      {"PW", "Pa$$w0rd"},          {"QUOTE", "it's \"quoted\""}, {"EMPTY", ""}};
  const CommandLine c = build("report --title {TITLE} -o {OUT} {EVIL} --pw={PW} '{QUOTE}' \"[{QUOTE}]\" {EMPTY} {MISSING}",
                              values);
  BOOST_TEST(!c.shell);
  BOOST_TEST((c.argv == Words{"report", "--title", "Monthly report", "-o", "/tmp/out.json", "x;touch /tmp/p;echo",
                              "--pw=Pa$$w0rd", "it's \"quoted\"", "[it's \"quoted\"]", "{MISSING}"}));
  // The display reads back as the same words in a shell.
  BOOST_TEST(c.display ==
             "report --title 'Monthly report' -o /tmp/out.json 'x;touch /tmp/p;echo' '--pw=Pa$$w0rd' "
             "'it'\\''s \"quoted\"' '[it'\\''s \"quoted\"]' '{MISSING}'");
}

BOOST_AUTO_TEST_CASE(an_empty_value_drops_its_word_unless_quoted) {
  const std::map<std::string, std::string> values{{"EMPTY", ""}};
  BOOST_TEST((build("tool {EMPTY} x", values).argv == Words{"tool", "x"}));
  BOOST_TEST((build("tool '{EMPTY}' x", values).argv == Words{"tool", "", "x"}));
}

BOOST_AUTO_TEST_CASE(shell_syntax_in_a_value_never_turns_on_the_shell) {
  for (const char* value : {"a | b", "$(id)", "`id`", "x; y", "*", "~root", "#c", "a\nb", "> /etc/passwd"}) {
    BOOST_TEST_CONTEXT(value) {
      const CommandLine c = build("tool {V}", {{"V", value}});
      BOOST_TEST(!c.shell);
      BOOST_TEST((c.argv == Words{"tool", value}));
    }
  }
}

BOOST_AUTO_TEST_CASE(shell_syntax_in_the_manifest_gets_a_shell) {
  for (const char* line : {"tool | tee log", "tool > out.txt", "tool && next", "echo $HOME", "ls *.json",
                           "tool; other", "echo \"$X\"", "tool `date`", "tool # comment", "a\nb", "cd ~"}) {
    BOOST_TEST_CONTEXT(line) {
      const CommandLine c = build(line);
      BOOST_TEST(c.shell);
      BOOST_TEST((c.argv == Words{"/bin/sh", "-c", line}));
    }
  }
}

BOOST_AUTO_TEST_CASE(with_a_shell_macros_become_quoted_variable_references) {
  const std::map<std::string, std::string> v{{"A", "x;touch /tmp/p"}, {"B", "Pa$$w0rd"}};
  BOOST_TEST(build("tool {A} | tee {B}.log", v).display == "tool \"${A}\" | tee \"${B}\".log");
  BOOST_TEST(build("echo \"[{A}]\" > out", v).display == "echo \"[${A}]\" > out");
  BOOST_TEST(build("echo '[{A}]' > out", v).display == "echo '['\"${A}\"']' > out");
  BOOST_TEST(build("echo $(cat '{A}') `echo {B}` > out", v).display ==
             "echo $(cat ''\"${A}\"'') `echo \"${B}\"` > out");
  BOOST_TEST(build("echo \"$(printf %s {A})\" > out", v).display == "echo \"$(printf %s \"${A}\")\" > out");
  BOOST_TEST(build("echo ${A} {A}; (cd x && echo {B})", v).display ==
             "echo ${A} \"${A}\"; (cd x && echo \"${B}\")");
  BOOST_CHECK_THROW(build("echo {a-b} | cat", {{"a-b", "1"}}), ValidationException);
}

BOOST_AUTO_TEST_CASE(the_script_of_an_explicit_shell_gets_references_too) {
  const std::map<std::string, std::string> v{{"A", "x; touch /tmp/p"}, {"N", "3"}};
  BOOST_TEST((build("/bin/sh -c 'echo {A} > out; exit {N}' probe {A}", v).argv ==
              Words{"/bin/sh", "-c", "echo \"${A}\" > out; exit \"${N}\"", "probe", "x; touch /tmp/p"}));
  BOOST_TEST((build("env LANG=C bash -ec 'printf %s \"[{A}]\"'", v).argv ==
              Words{"env", "LANG=C", "bash", "-ec", "printf %s \"[${A}]\""}));
  BOOST_TEST((build("dash -o errexit -c {A}", v).argv == Words{"dash", "-o", "errexit", "-c", "\"${A}\""}));
  // Not a shell's script: the value is the word.
  BOOST_TEST((build("/bin/sh script.sh {A}", v).argv == Words{"/bin/sh", "script.sh", "x; touch /tmp/p"}));
  BOOST_TEST((build("python3 -c 'print({N})'", v).argv == Words{"python3", "-c", "print(3)"}));
}

BOOST_AUTO_TEST_CASE(broken_quoting_is_refused) {
  BOOST_CHECK_THROW(build("tool 'unterminated"), ValidationException);
  BOOST_CHECK_THROW(build("tool \"unterminated"), ValidationException);
  BOOST_CHECK_THROW(build("tool \\"), ValidationException);
  BOOST_CHECK_THROW(build("   "), ValidationException);
  BOOST_CHECK_THROW(build("tool | 'unterminated"), ValidationException);
}

BOOST_AUTO_TEST_SUITE_END()
