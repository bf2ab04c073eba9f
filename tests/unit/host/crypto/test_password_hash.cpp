// Argon2id password hashes, API token values and the verified-login cache.
#include <boost/test/unit_test.hpp>

#include "crypto/ApiTokenSecret.h"
#include "crypto/PasswordHash.h"
#include "crypto/VerifiedLoginCache.h"

#include <set>
#include <string>

using namespace MultiFlexi;

BOOST_AUTO_TEST_SUITE(password_hash)

BOOST_AUTO_TEST_CASE(a_hash_is_argon2id_salted_and_verifies_only_its_password) {
  const PasswordHash hasher(PasswordHashCost::minimum());
  const std::string a = hasher.hash("correct horse");
  const std::string b = hasher.hash("correct horse");
  BOOST_TEST(a.rfind("$argon2id$", 0) == 0u);
  BOOST_TEST(a != b);  // a fresh salt each time
  BOOST_TEST(a.find("correct horse") == std::string::npos);
  BOOST_TEST(hasher.verify(a, "correct horse"));
  BOOST_TEST(hasher.verify(b, "correct horse"));
  BOOST_TEST(!hasher.verify(a, "correct hors"));
  BOOST_TEST(!hasher.verify(a, ""));
  BOOST_TEST(!hasher.verify(a, std::string("correct horse\0x", 15)));
}

BOOST_AUTO_TEST_CASE(a_malformed_stored_hash_verifies_nothing) {
  const PasswordHash hasher(PasswordHashCost::minimum());
  BOOST_TEST(!hasher.verify("", "x"));
  BOOST_TEST(!hasher.verify("$2y$12$bcryptbcryptbcryptbcrypt", "x"));
  BOOST_TEST(!hasher.verify(std::string(10'000, 'a'), "x"));
  BOOST_TEST(!hasher.verify(std::string("$argon2id\0$", 11), "x"));
}

BOOST_AUTO_TEST_CASE(other_parameters_need_a_rehash) {
  const PasswordHash cheap(PasswordHashCost::minimum());
  const PasswordHash dearer(PasswordHashCost{PasswordHashCost::minimum().opsLimit + 1,
                                             PasswordHashCost::minimum().memLimit});
  const std::string stored = cheap.hash("password1");
  BOOST_TEST(!cheap.needsRehash(stored));
  BOOST_TEST(dearer.needsRehash(stored));
  BOOST_TEST(dearer.verify(stored, "password1"));  // still verifies: the string carries its parameters
  BOOST_TEST(cheap.needsRehash("not a hash"));
}

BOOST_AUTO_TEST_CASE(interactive_is_the_default_cost) {
  const PasswordHashCost cost = PasswordHashCost::interactive();
  BOOST_TEST(cost.opsLimit > PasswordHashCost::minimum().opsLimit);
  BOOST_TEST(cost.memLimit >= 64u * 1024u * 1024u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(api_token_secret)

BOOST_AUTO_TEST_CASE(tokens_are_prefixed_url_safe_and_distinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string t = generateApiToken();
    BOOST_TEST(t.size() == 47u);
    BOOST_TEST(t.rfind("mfx_", 0) == 0u);
    BOOST_TEST(looksLikeApiToken(t));
    seen.insert(t);
  }
  BOOST_TEST(seen.size() == 100u);
}

BOOST_AUTO_TEST_CASE(the_stored_hash_is_hex_blake2b_and_not_the_token) {
  const std::string t = generateApiToken();
  const std::string h = apiTokenHash(t);
  BOOST_TEST(h.size() == 64u);
  BOOST_TEST(h == apiTokenHash(t));
  BOOST_TEST(h != apiTokenHash(generateApiToken()));
  BOOST_TEST(h.find(t.substr(4, 8)) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(text_of_another_shape_is_not_a_token) {
  BOOST_TEST(!looksLikeApiToken(""));
  BOOST_TEST(!looksLikeApiToken("mfx_"));
  BOOST_TEST(!looksLikeApiToken("abcdefghijklmnopqrst"));  // MultiFlexi's 20-character tokens
  std::string bad = generateApiToken();
  bad[10] = '\0';
  BOOST_TEST(!looksLikeApiToken(bad));
  bad[10] = '\'';
  BOOST_TEST(!looksLikeApiToken(bad));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(verified_login_cache)

BOOST_AUTO_TEST_CASE(a_verified_pair_is_found_until_it_expires) {
  VerifiedLoginCache cache(60'000);
  cache.remember("alice", "password1", 7, 1'000);
  BOOST_TEST(cache.lookup("alice", "password1", 1'000).value_or(0) == 7);
  BOOST_TEST(cache.lookup("alice", "password1", 60'999).value_or(0) == 7);
  BOOST_TEST(!cache.lookup("alice", "password1", 61'000));
  BOOST_TEST(cache.size() == 0u);
}

BOOST_AUTO_TEST_CASE(another_password_or_a_shifted_boundary_misses) {
  VerifiedLoginCache cache;
  cache.remember("alice", "password1", 7, 0);
  BOOST_TEST(!cache.lookup("alice", "password2", 0));
  BOOST_TEST(!cache.lookup("alicep", "assword1", 0));  // login+NUL+password: no ambiguity
  BOOST_TEST(!cache.lookup("bob", "password1", 0));
}

BOOST_AUTO_TEST_CASE(forgetting_a_user_drops_all_its_entries_and_capacity_is_bounded) {
  VerifiedLoginCache cache(60'000, 3);
  cache.remember("alice", "a1234567", 1, 0);
  cache.remember("alice", "b1234567", 1, 1);
  cache.remember("bob", "c1234567", 2, 2);
  cache.forget(1);
  BOOST_TEST(cache.size() == 1u);
  BOOST_TEST(cache.lookup("bob", "c1234567", 3).value_or(0) == 2);
  for (int i = 0; i < 10; ++i) cache.remember("u" + std::to_string(i), "p1234567", 10 + i, 10 + i);
  BOOST_TEST(cache.size() <= 3u);
  BOOST_TEST(cache.lookup("u9", "p1234567", 20).value_or(0) == 19);
}

BOOST_AUTO_TEST_SUITE_END()
