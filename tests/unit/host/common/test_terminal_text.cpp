// escapeControls: what reaches a terminal is shown, never obeyed.
#define BOOST_TEST_MODULE common
#include <boost/test/unit_test.hpp>

#include "common/TerminalText.h"

using namespace MultiFlexi;

BOOST_AUTO_TEST_SUITE(terminal_text)

BOOST_AUTO_TEST_CASE(c0_controls_and_del_are_escaped) {
  BOOST_TEST(escapeControls("\x1b[2JAcme") == "\\x1b[2JAcme");
  BOOST_TEST(escapeControls(std::string("PATH\0junk", 9)) == "PATH\\x00junk");
  BOOST_TEST(escapeControls("a\tb\nc\rd\x7f") == "a\\x09b\\x0ac\\x0dd\\x7f");
}

BOOST_AUTO_TEST_CASE(c1_controls_and_broken_utf8_are_escaped) {
  BOOST_TEST(escapeControls("x\xc2\x9b" "31m") == "x\\u009b31m");  // CSI as UTF-8
  BOOST_TEST(escapeControls("x\x9b" "31m") == "x\\x9b31m");        // CSI as a raw byte
  BOOST_TEST(escapeControls("\xc3") == "\\xc3");                   // truncated sequence
  BOOST_TEST(escapeControls("\xc0\xaf") == "\\xc0\\xaf");           // overlong
}

BOOST_AUTO_TEST_CASE(printable_text_is_kept) {
  BOOST_TEST(escapeControls("Příliš žluťoučký kůň 🐎 \\n") == "Příliš žluťoučký kůň 🐎 \\n");
  BOOST_TEST(escapeControls("") == "");
}

BOOST_AUTO_TEST_CASE(newlines_may_be_kept_for_multi_line_messages) {
  BOOST_TEST(escapeControls("a\nb\x1b", true) == "a\nb\\x1b");
}

BOOST_AUTO_TEST_SUITE_END()
