// Users, roles, tokens and authentication through the rule layer on a real
// store: validation naming the field, the last admin, tokens shown once and
// stored as hashes, one 401 message whatever the cause, the verified-login
// cache dropped on change, throttling on an injected clock, the audit actor.
#include <boost/test/unit_test.hpp>

#include "CatalogFixture.h"
#include "catalog/CompanyCatalog.h"
#include "catalog/SecurityCatalog.h"
#include "catalog/UserCatalog.h"
#include "domain/ActorScope.h"
#include "store/Sql.h"
#include "store/UserRepository.h"

using namespace MultiFlexi;
using MultiFlexi::Testing::thrown;

namespace {

struct UserFixture : MultiFlexi::Testing::CatalogFixture {
  UserCatalog& users() { return catalog->users(); }

  User make(const std::string& login, bool admin = false, const std::string& password = "password1") {
    UserChanges c;
    c.login = login;
    c.password = password;
    c.admin = admin;
    return users().create(c);
  }

  int64_t companyId(const std::string& slug) {
    CompanyChanges c;
    c.name = slug;
    c.slug = slug;
    return catalog->companies().create(c).id;
  }

  AuthAttempt password(const std::string& login, const std::string& secret, const std::string& from = "10.0.0.1") {
    AuthAttempt a;
    a.login = login;
    a.secret = secret;
    a.remoteAddress = from;
    return a;
  }

  AuthAttempt token(const std::string& value, const std::string& from = "10.0.0.1") {
    AuthAttempt a;
    a.scheme = AuthAttempt::Scheme::Token;
    a.secret = value;
    a.remoteAddress = from;
    return a;
  }

  /// The one answer to any failed sign-in.
  void refused(const AuthAttempt& attempt) {
    const auto e = thrown<UnauthorizedException>([&] { users().authenticate(attempt); });
    BOOST_TEST(e.message() == "authentication failed");
  }

  int64_t count(const std::string& table) {
    Poco::Data::Session s = catalog->database().session();
    return Sql::scalar(s, "SELECT COUNT(*) FROM " + table);
  }

  std::string storedHash(int64_t userId) {
    Poco::Data::Session s = catalog->database().session();
    auto rs = Sql::query(s, "SELECT password_hash FROM users WHERE id = ?", {Sql::value(userId)});
    return Sql::text(rs, "password_hash", 0);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(user_catalog, UserFixture)

BOOST_AUTO_TEST_CASE(a_user_is_created_found_by_id_and_login_and_listed) {
  UserChanges c;
  c.login = "alice.n@acme-1_x";
  c.email = "alice@example.com";
  c.firstname = "Alice";
  c.password = "password1";
  const User u = users().create(c);
  BOOST_TEST(u.id > 0);
  BOOST_TEST(u.enabled);
  BOOST_TEST(!u.admin);
  BOOST_TEST(users().get(UserKey{u.id, {}}).login == "alice.n@acme-1_x");
  BOOST_TEST(users().get(UserKey{{}, std::string("alice.n@acme-1_x")}).email.value_or("") == "alice@example.com");
  BOOST_TEST(users().list(10, 0).size() == 1u);
  BOOST_TEST(users().list(10, 1).empty());
  BOOST_TEST(storedHash(u.id).rfind("$argon2id$", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(bad_fields_are_refused_naming_the_field) {
  const auto field = [&](UserChanges c) { return thrown<ValidationException>([&] { users().create(c); }).field(); };
  UserChanges c;
  BOOST_TEST(field(c) == "login");
  for (const std::string& login : {std::string(), std::string(65, 'a'), std::string("a b"), std::string("a\0b", 3),
                                   std::string("x'; DROP TABLE users; --"), std::string("ř")}) {
    c.login = login;
    BOOST_TEST(field(c) == "login");
  }
  c.login = "bob";
  for (const char* email : {"bob", "@x.cz", "bob@", "bob@x", "a@b@c.cz", "bo b@x.cz", "bob@x..cz"}) {
    c.email = email;
    BOOST_TEST(field(c) == "email");
  }
  c.email.reset();
  c.password = "short";
  const auto e = thrown<ValidationException>([&] { users().create(c); });
  BOOST_TEST(e.field() == "password");
  BOOST_TEST(e.message().find("short") == std::string::npos);  // never the password itself
  c.password = std::string("pass\0word1", 10);
  BOOST_TEST(field(c) == "password");
  c.password = std::string(10'000, 'p');
  BOOST_TEST(field(c) == "password");
  c.password.reset();
  c.firstname = std::string("a\nb");
  BOOST_TEST(field(c) == "firstname");
  BOOST_TEST(count("users") == 0);
}

BOOST_AUTO_TEST_CASE(a_login_in_use_is_a_conflict) {
  make("alice");
  const auto e = thrown<ConflictException>([&] { make("alice"); });
  BOOST_TEST(e.field() == "login");
  BOOST_TEST(e.reason() == "'alice' is already taken");  // nothing of the other user, not even its id
  const User bob = make("bob");
  UserChanges rename;
  rename.login = "alice";
  BOOST_TEST(thrown<ConflictException>([&] { users().update(bob.id, rename); }).message() ==
             "login: 'alice' is already taken");
}

BOOST_AUTO_TEST_CASE(the_last_enabled_admin_cannot_be_deleted_disabled_or_demoted) {
  const User root = make("root", true);
  const User bob = make("bob");
  UserChanges disable;
  disable.enabled = false;
  thrown<ConflictException>([&] { users().remove(root.id); });
  thrown<ConflictException>([&] { users().update(root.id, disable); });
  thrown<ConflictException>([&] { users().setAdmin(root.id, false); });
  BOOST_TEST(users().get(UserKey{root.id, {}}).admin);
  users().update(bob.id, disable);  // not an admin: fine
  users().setAdmin(bob.id, true);
  UserChanges enable;
  enable.enabled = true;
  users().update(bob.id, enable);
  users().setAdmin(root.id, false);  // another admin is left
  users().remove(root.id);
  BOOST_TEST(users().list(10, 0).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_password_signs_in_and_any_failure_gets_the_same_answer) {
  const User alice = make("alice");
  const Caller caller = users().authenticate(password("alice", "password1"));
  BOOST_TEST(caller.userId.value_or(0) == alice.id);
  BOOST_TEST(caller.name == "alice");
  BOOST_TEST(!caller.admin);
  // Each from its own address, so that no refusal is the throttle's.
  refused(password("alice", "password2", "10.0.1.1"));
  refused(password("nobody", "password1", "10.0.1.2"));
  refused(password("", "password1", "10.0.1.3"));
  refused(password("alice", "", "10.0.1.4"));
  UserChanges noPassword;
  noPassword.login = "tokenonly";
  users().create(noPassword);
  refused(password("tokenonly", "", "10.0.1.5"));
  refused(password("tokenonly", "password1", "10.0.1.6"));
  UserChanges disable;
  disable.enabled = false;
  users().update(alice.id, disable);
  refused(password("alice", "password1", "10.0.1.7"));
  BOOST_TEST(users().failedAttempts() == 7);
}

BOOST_AUTO_TEST_CASE(hostile_logins_are_refused_and_change_nothing) {
  make("alice");
  const int64_t before = count("users");
  for (const std::string& login :
       {std::string("alice\0admin", 11), std::string(10'000, 'a'), std::string("' OR '1'='1"),
        std::string("alice'; DELETE FROM users; --"), std::string("alice\" OR 1=1 --")})
    refused(password(login, "password1", "10.0.0." + std::to_string(login.size() % 200)));
  refused(password("alice", "' OR '1'='1", "10.0.1.1"));
  BOOST_TEST(count("users") == before);
  const auto trail = catalog->security().auditTrail(100);
  for (const AuditEvent& e : trail) {
    BOOST_TEST(e.subject.size() < 100u);  // a 10k login is not written as given
    BOOST_TEST(e.subject.find('\0') == std::string::npos);
    BOOST_TEST(e.detail.value_or("").find("OR '1'") == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_password_hashed_with_other_parameters_is_rehashed_on_sign_in) {
  const User alice = make("alice");
  const PasswordHash dearer(PasswordHashCost{PasswordHashCost::minimum().opsLimit + 1,
                                             PasswordHashCost::minimum().memLimit});
  UserRepository(catalog->database()).setPasswordHash(alice.id, dearer.hash("password1"));
  BOOST_TEST(PasswordHash(PasswordHashCost::minimum()).needsRehash(storedHash(alice.id)));
  users().authenticate(password("alice", "password1"));
  BOOST_TEST(!PasswordHash(PasswordHashCost::minimum()).needsRehash(storedHash(alice.id)));
  BOOST_TEST(PasswordHash(PasswordHashCost::minimum()).verify(storedHash(alice.id), "password1"));
}

BOOST_AUTO_TEST_CASE(a_cached_sign_in_is_dropped_when_the_user_changes) {
  const User alice = make("alice");
  make("root", true);
  users().authenticate(password("alice", "password1"));
  // Bypassing the catalog: the cache answers without looking at the hash.
  UserRepository(catalog->database()).setPasswordHash(alice.id, "garbage");
  BOOST_TEST(users().authenticate(password("alice", "password1")).name == "alice");
  UserChanges newPassword;
  newPassword.password = "password2";
  users().update(alice.id, newPassword);
  refused(password("alice", "password1"));
  BOOST_TEST(users().authenticate(password("alice", "password2")).name == "alice");
  UserChanges disable;
  disable.enabled = false;
  users().update(alice.id, disable);
  refused(password("alice", "password2"));
  users().remove(alice.id);
  refused(password("alice", "password2"));
}

BOOST_AUTO_TEST_CASE(failures_are_throttled_per_account_with_a_growing_delay) {
  clockNow = 1'000'000'000;
  make("alice");
  for (int i = 0; i < 5; ++i) refused(password("alice", "wrong-pass", "10.0.0." + std::to_string(i)));
  // The account is locked for 2 s even with the right password, from a new address.
  refused(password("alice", "password1", "10.9.9.9"));
  *clockNow += 2'000;
  BOOST_TEST(users().authenticate(password("alice", "password1", "10.9.9.9")).name == "alice");
  // A success clears the account's failures.
  refused(password("alice", "wrong-pass", "10.9.9.8"));
  BOOST_TEST(users().authenticate(password("alice", "password1", "10.9.9.7")).name == "alice");
}

BOOST_AUTO_TEST_CASE(password_failures_are_throttled_per_address_across_logins_but_not_tokens) {
  clockNow = 1'000'000'000;
  make("alice");
  const std::string valid = users().createToken(users().get(UserKey{{}, std::string("alice")}).id, "t", std::nullopt).value;
  // Neither bad tokens nor malformed passwords count: nothing was guessed.
  for (int i = 0; i < 20; ++i) refused(token("mfx_" + std::string(43, 'A'), "192.0.2.1"));
  for (int i = 0; i < 20; ++i) refused(password("alice", "", "192.0.2.1"));
  BOOST_TEST(users().authenticate(password("alice", "password1", "192.0.2.1")).name == "alice");
  for (int i = 0; i < 5; ++i) refused(password("user" + std::to_string(i), "wrong-pass", "192.0.2.1"));
  refused(password("alice", "password1", "192.0.2.1"));
  // A token cannot be guessed, so a throttled address still signs in with a valid one.
  BOOST_TEST(users().authenticate(token(valid, "192.0.2.1")).name == "alice");
  BOOST_TEST(users().authenticate(password("alice", "password1", "192.0.2.2")).name == "alice");
  // The delay grows with each failure: 5 failures → 2 s, 6 → 4 s.
  *clockNow += 2'000;
  refused(password("nobody", "wrong-pass", "192.0.2.1"));
  *clockNow += 2'000;
  refused(password("alice", "password1", "192.0.2.1"));
  *clockNow += 2'000;
  BOOST_TEST(users().authenticate(password("alice", "password1", "192.0.2.1")).name == "alice");
  // Outside the window the failures are forgotten.
  for (int i = 0; i < 10; ++i) refused(password("nobody", "wrong-pass", "192.0.2.3"));
  *clockNow += 15 * 60'000 + 1;
  BOOST_TEST(users().authenticate(password("alice", "password1", "192.0.2.3")).name == "alice");
}

BOOST_AUTO_TEST_CASE(a_token_is_shown_once_stored_as_a_hash_and_signs_in) {
  const User alice = make("alice");
  const NewApiToken made = users().createToken(alice.id, "ci", std::nullopt);
  BOOST_TEST(made.value.rfind("mfx_", 0) == 0u);
  BOOST_TEST(made.token.name == "ci");
  Poco::Data::Session s = catalog->database().session();
  BOOST_TEST(Sql::scalar(s, "SELECT COUNT(*) FROM api_tokens WHERE token_hash = ?", {Sql::value(made.value)}) == 0);
  const Caller caller = users().authenticate(token(made.value));
  BOOST_TEST(caller.userId.value_or(0) == alice.id);
  BOOST_TEST(users().tokenIdOf(made.value).value_or(0) == made.token.id);
  BOOST_TEST(users().tokens(alice.id, 10, 0).size() == 1u);
  BOOST_TEST(users().tokens(alice.id + 1, 10, 0).empty());
  refused(token(made.value.substr(0, made.value.size() - 1) + (made.value.back() == 'A' ? "B" : "A")));
  refused(token(""));
  refused(token("' OR '1'='1"));
  refused(token(std::string(10'000, 'x')));
}

BOOST_AUTO_TEST_CASE(revoked_expired_and_disabled_tokens_are_refused) {
  clockNow = 1'000'000'000;
  make("root", true);
  const User alice = make("alice");
  const NewApiToken revoked = users().createToken(alice.id, "a", std::nullopt);
  const NewApiToken expiring = users().createToken(alice.id, "b", *clockNow + 60'000);
  users().revokeToken(revoked.token.id);
  refused(token(revoked.value));
  thrown<NotFoundException>([&] { users().revokeToken(revoked.token.id); });
  BOOST_TEST(users().authenticate(token(expiring.value)).name == "alice");
  *clockNow += 60'000;
  refused(token(expiring.value));
  const NewApiToken fresh = users().createToken(alice.id, "c", std::nullopt);
  UserChanges disable;
  disable.enabled = false;
  users().update(alice.id, disable);
  refused(token(fresh.value));
}

BOOST_AUTO_TEST_CASE(a_tokens_last_use_is_written_at_most_once_a_minute) {
  clockNow = 1'000'000'000;
  const User alice = make("alice");
  const NewApiToken made = users().createToken(alice.id, "ci", std::nullopt);
  users().authenticate(token(made.value));
  BOOST_TEST(users().token(made.token.id).lastUsedAt.value_or(0) == *clockNow);
  *clockNow += 30'000;
  users().authenticate(token(made.value));
  BOOST_TEST(users().token(made.token.id).lastUsedAt.value_or(0) == *clockNow - 30'000);
  *clockNow += 30'000;
  users().authenticate(token(made.value));
  BOOST_TEST(users().token(made.token.id).lastUsedAt.value_or(0) == *clockNow);
}

BOOST_AUTO_TEST_CASE(a_tokens_caller_is_cached_for_ten_seconds_at_most) {
  clockNow = 1'000'000'000;
  const User alice = make("alice");
  const NewApiToken made = users().createToken(alice.id, "ci", *clockNow + 3'600'000);
  const Caller first = users().authenticate(token(made.value));
  BOOST_TEST(first.credentialExpiresAt.value_or(0) == *clockNow + 3'600'000);
  {  // another process (the CLI) deletes the token: this one answers from its cache until the entry expires
    Poco::Data::Session s = catalog->database().session();
    Sql::execute(s, "DELETE FROM api_tokens WHERE id = ?", {Sql::value(made.token.id)});
  }
  *clockNow += 9'999;
  const Caller cached = users().authenticate(token(made.value));
  BOOST_TEST(cached.name == "alice");
  BOOST_TEST(cached.credentialExpiresAt.value_or(0) == first.credentialExpiresAt.value_or(-1));
  *clockNow += 1;
  refused(token(made.value));
}

BOOST_AUTO_TEST_CASE(a_cached_token_caller_never_outlives_its_token) {
  clockNow = 1'000'000'000;
  const User alice = make("alice");
  const NewApiToken made = users().createToken(alice.id, "short", *clockNow + 5'000);
  users().authenticate(token(made.value));
  *clockNow += 5'000;
  refused(token(made.value));
}

BOOST_AUTO_TEST_CASE(changes_made_here_reach_a_cached_token_caller_at_once) {
  make("root", true);
  const User alice = make("alice");
  const int64_t acme = companyId("acme");
  const NewApiToken made = users().createToken(alice.id, "ci", std::nullopt);
  const auto caller = [&] { return users().authenticate(token(made.value)); };
  BOOST_TEST(!caller().sees(acme));  // cached from here on
  users().assignRole(alice.id, acme, CompanyRole::Operator);
  BOOST_TEST(caller().may(acme, CompanyRole::Operator));
  users().assignRole(alice.id, acme, CompanyRole::Viewer);
  BOOST_TEST(!caller().may(acme, CompanyRole::Operator));
  users().unassignRole(alice.id, acme);
  BOOST_TEST(!caller().sees(acme));
  users().setAdmin(alice.id, true);
  BOOST_TEST(caller().admin);
  users().setAdmin(alice.id, false);
  BOOST_TEST(!caller().admin);
  UserChanges rename;
  rename.login = "alicia";
  users().update(alice.id, rename);
  BOOST_TEST(caller().name == "alicia");
  UserChanges disable;
  disable.enabled = false;
  users().update(alice.id, disable);
  refused(token(made.value));
  disable.enabled = true;
  users().update(alice.id, disable);
  BOOST_TEST(caller().name == "alicia");
  users().revokeToken(made.token.id);
  refused(token(made.value));
  const NewApiToken other = users().createToken(alice.id, "other", std::nullopt);
  BOOST_TEST(users().authenticate(token(other.value)).name == "alicia");
  users().remove(alice.id);
  refused(token(other.value));
}

BOOST_AUTO_TEST_CASE(a_cached_token_still_writes_its_last_use_once_a_minute) {
  clockNow = 1'000'000'000;
  const Instant start = *clockNow;
  const User alice = make("alice");
  const NewApiToken made = users().createToken(alice.id, "ci", std::nullopt);
  users().authenticate(token(made.value));
  *clockNow = start + 55'000;
  users().authenticate(token(made.value));  // from the store, no write: cached until start + 65 s
  *clockNow = start + 60'000;
  users().authenticate(token(made.value));  // from the cache: a minute has passed, written
  BOOST_TEST(users().token(made.token.id).lastUsedAt.value_or(0) == start + 60'000);
  *clockNow = start + 61'000;
  users().authenticate(token(made.value));
  BOOST_TEST(users().token(made.token.id).lastUsedAt.value_or(0) == start + 60'000);
}

BOOST_AUTO_TEST_CASE(a_token_made_with_a_token_does_not_outlive_it) {
  const Instant now = 1'000'000'000;
  Caller password;  // Basic or login: no bound
  BOOST_TEST(tokenExpiry(password, std::nullopt, now).value_or(0) == now + 90LL * 86'400'000);
  BOOST_TEST(!tokenExpiry(password, std::string("never"), now));
  Caller byToken;
  byToken.credentialExpiresAt = now + 86'400'000;  // a login token: 24 h
  BOOST_TEST(tokenExpiry(byToken, std::nullopt, now).value_or(0) == now + 86'400'000);
  BOOST_TEST(tokenExpiry(byToken, std::string("12h"), now).value_or(0) == now + 12 * 3'600'000);
  BOOST_TEST(tokenExpiry(byToken, std::string("24h"), now).value_or(0) == now + 86'400'000);
  for (const char* late : {"25h", "90d", "never"}) {
    const auto e = thrown<ValidationException>([&] { tokenExpiry(byToken, std::string(late), now); });
    BOOST_TEST(e.field() == "expires");
    BOOST_TEST(e.reason().find("cannot outlive") != std::string::npos, e.reason());
  }
  BOOST_TEST(thrown<ValidationException>([&] { tokenExpiry(byToken, std::string("1x"), now); }).field() == "expires");
  Caller forever;  // a token without expiry bounds nothing
  forever.credentialExpiresAt.reset();
  BOOST_TEST(!tokenExpiry(forever, std::string("never"), now));
}

BOOST_AUTO_TEST_CASE(bad_token_names_and_lifetimes_are_refused) {
  const User alice = make("alice");
  BOOST_TEST(thrown<ValidationException>([&] { users().createToken(alice.id, "", std::nullopt); }).field() == "name");
  BOOST_TEST(thrown<ValidationException>([&] { users().createToken(alice.id, std::string(65, 'n'), std::nullopt); })
                 .field() == "name");
  thrown<NotFoundException>([&] { users().createToken(alice.id + 100, "x", std::nullopt); });
  BOOST_TEST(parseTokenLifetime("90d").value_or(0) == 90LL * 86'400'000);
  BOOST_TEST(parseTokenLifetime("12h").value_or(0) == 12LL * 3'600'000);
  BOOST_TEST(!parseTokenLifetime("never"));
  for (const std::string& bad : std::vector<std::string>{"", "d", "0d", "90", "9x", "-1d", "99999999d", "1.5d",
                                                         std::string("1\0d", 3)})
    BOOST_TEST(thrown<ValidationException>([&] { parseTokenLifetime(bad); }).field() == "expires");
}

BOOST_AUTO_TEST_CASE(company_roles_make_the_caller_and_go_with_the_company_or_the_user) {
  make("root", true);
  const User alice = make("alice");
  const int64_t acme = companyId("acme");
  const int64_t other = companyId("other");
  users().assignRole(alice.id, acme, CompanyRole::Operator);
  users().assignRole(alice.id, other, CompanyRole::Viewer);
  users().assignRole(alice.id, other, CompanyRole::Editor);  // replaces
  BOOST_TEST(users().rolesOf(alice.id).size() == 2u);
  const Caller caller = users().authenticate(password("alice", "password1"));
  BOOST_TEST(caller.may(acme, CompanyRole::Operator));
  BOOST_TEST(!caller.may(acme, CompanyRole::Editor));
  BOOST_TEST(caller.may(other, CompanyRole::Editor));
  BOOST_TEST(!caller.sees(acme + other + 1));
  BOOST_TEST(users().membersOf(acme, 10, 0).size() == 1u);
  thrown<NotFoundException>([&] { users().assignRole(alice.id, 9999, CompanyRole::Viewer); });
  users().unassignRole(alice.id, other);
  thrown<NotFoundException>([&] { users().unassignRole(alice.id, other); });
  catalog->companies().remove(acme);
  BOOST_TEST(users().rolesOf(alice.id).empty());
  users().createToken(alice.id, "t", std::nullopt);
  users().assignRole(alice.id, other, CompanyRole::Viewer);
  users().remove(alice.id);
  BOOST_TEST(count("company_users") == 0);
  BOOST_TEST(count("api_tokens") == 0);
}

BOOST_AUTO_TEST_CASE(changes_are_audited_with_the_actor_of_the_scope) {
  const Caller admin = Caller::localAdmin("ops-admin");
  {
    ActorScope scope(admin);
    const User alice = make("alice", true);
    users().createToken(alice.id, "ci", std::nullopt);
  }
  refused(password("alice", "hunter2-wrong", "203.0.113.9"));
  const auto trail = catalog->security().auditTrail(10);
  BOOST_REQUIRE(trail.size() == 3u);
  BOOST_TEST(trail[2].action == "user.create");
  BOOST_TEST(trail[2].actor == "ops-admin");
  BOOST_TEST(trail[2].subject == "user alice");
  BOOST_TEST(trail[1].action == "token.create");
  BOOST_TEST(trail[1].actor == "ops-admin");
  BOOST_TEST(trail[0].action == "auth.failed");
  BOOST_TEST(trail[0].subject == "user alice");
  BOOST_TEST(trail[0].actor != "ops-admin");  // outside the scope: the Unix user
  BOOST_TEST(trail[0].detail.value_or("").find("203.0.113.9") != std::string::npos);
  BOOST_TEST(trail[0].detail.value_or("").find("hunter2") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
