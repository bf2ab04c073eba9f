#include <boost/test/unit_test.hpp>

#include "executor/SecretMasker.h"

using MultiFlexi::SecretMasker;

namespace {
std::string streamed(SecretMasker& m, const std::vector<std::string>& chunks) {
  std::string out;
  for (const auto& c : chunks) out += m.feed(c);
  return out + m.finish();
}
const std::string kMask = SecretMasker::kMask;
}  // namespace

BOOST_AUTO_TEST_CASE(secrets_are_masked_even_when_split_across_chunks) {
  SecretMasker m({"hunter22", "tok"});
  BOOST_TEST(streamed(m, {"pw=hun", "ter", "22 and hunter22\n"}) == "pw=" + kMask + " and " + kMask + "\n");
  SecretMasker byByte({"s3cr3t"});
  std::vector<std::string> bytes;
  for (char c : std::string("a s3cr3t b s3cs3cr3t")) bytes.emplace_back(1, c);
  BOOST_TEST(streamed(byByte, bytes) == "a " + kMask + " b s3c" + kMask);
}

BOOST_AUTO_TEST_CASE(short_values_are_left_alone_and_held_back_text_is_released_at_the_end) {
  SecretMasker m({"abc", "longer-secret"});
  BOOST_TEST(m.feed("abc long") == "abc ");  // "long" may start the secret
  BOOST_TEST(m.finish() == "long");
}

BOOST_AUTO_TEST_CASE(the_longest_of_overlapping_secrets_wins) {
  SecretMasker m({"pass", "password123"});
  BOOST_TEST(m.mask("x password123 pass") == "x " + kMask + " " + kMask);
  SecretMasker cut({"abcd", "cdXY"});
  BOOST_TEST(streamed(cut, {"zabcd", "XY"}) == "z" + kMask + "XY");
}
