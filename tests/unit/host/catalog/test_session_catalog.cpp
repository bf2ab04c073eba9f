// Console sessions through the rule layer on a real store: made after a
// password sign-in, kept as a hash only, verified with the CSRF token on
// changes, ended by idle time, by their absolute lifetime, at sign-out and
// by changes to their user; expired ones swept when the next is made.
#include <boost/test/unit_test.hpp>

#include "CatalogFixture.h"
#include "catalog/CompanyCatalog.h"
#include "catalog/SecurityCatalog.h"
#include "catalog/UserCatalog.h"
#include "crypto/RandomText.h"
#include "domain/ActorScope.h"
#include "store/Sql.h"

using namespace MultiFlexi;
using MultiFlexi::Testing::thrown;

namespace {

constexpr int64_t kMinute = 60'000;

struct SessionFixture : MultiFlexi::Testing::CatalogFixture {
  SessionFixture() { clockNow = 1'800'000'000'000; }

  UserCatalog& users() { return catalog->users(); }
  SessionCatalog& sessions() { return catalog->users().sessions(); }

  User make(const std::string& login, bool admin = false) {
    UserChanges c;
    c.login = login;
    c.password = "password1";
    c.admin = admin;
    return users().create(c);
  }
  /// A session of the user, made as POST /session makes it.
  NewSession signIn(const std::string& login) {
    AuthAttempt a;
    a.login = login;
    a.secret = "password1";
    a.remoteAddress = "10.0.0.1";
    const Caller caller = users().authenticate(a);
    const ActorScope actor(caller);
    return sessions().create(caller);
  }
  static AuthAttempt presented(const std::string& value, bool changes = false, const std::string& csrf = "") {
    AuthAttempt a;
    a.scheme = AuthAttempt::Scheme::Session;
    a.secret = value;
    a.remoteAddress = "10.0.0.1";
    a.csrfRequired = changes;
    a.csrfToken = csrf;
    return a;
  }
  bool signsIn(const std::string& value) {
    try {
      users().authenticate(presented(value));
      return true;
    } catch (const UnauthorizedException&) {
      return false;
    }
  }
  int64_t rows(const std::string& where = "1 = 1") {
    Poco::Data::Session s = catalog->database().session();
    return Sql::scalar(s, "SELECT COUNT(*) FROM sessions WHERE " + where);
  }
  int64_t lastSeen(int64_t id) {
    Poco::Data::Session s = catalog->database().session();
    return Sql::scalar(s, "SELECT last_seen_at FROM sessions WHERE id = ?", {Sql::value(id)});
  }
  void advance(int64_t ms) { *clockNow += ms; }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(session_catalog, SessionFixture)

BOOST_AUTO_TEST_CASE(a_session_signs_its_user_in_with_roles_and_its_absolute_expiry) {
  const User alice = make("alice");
  CompanyChanges acme;
  acme.name = "acme";
  acme.slug = "acme";
  const int64_t company = catalog->companies().create(acme).id;
  users().assignRole(alice.id, company, CompanyRole::Operator);
  const NewSession made = signIn("alice");
  BOOST_TEST(made.value.size() == 43u);  // 32 bytes, base64url
  BOOST_TEST(isBase64Url(made.value, 43));
  BOOST_TEST(made.session.csrfToken.size() == 43u);
  BOOST_TEST(made.session.csrfToken != made.value);
  BOOST_TEST(made.session.expiresAt == *clockNow + 43'200'000);
  const Caller caller = users().authenticate(presented(made.value));
  BOOST_TEST(caller.name == "alice");
  BOOST_TEST(*caller.userId == alice.id);
  BOOST_TEST(!caller.admin);
  BOOST_TEST((caller.roles.at(company) == CompanyRole::Operator));
  // A password sign-in the browser keeps: it may make a token that outlives the session.
  BOOST_TEST(!caller.credentialExpiresAt);
  // A role given later counts at once (no cache in between).
  users().assignRole(alice.id, company, CompanyRole::Editor);
  BOOST_TEST((users().authenticate(presented(made.value)).roles.at(company) == CompanyRole::Editor));
  // Two sign-ins, two sessions.
  BOOST_TEST(signIn("alice").value != made.value);
  BOOST_TEST(rows() == 2);
}

BOOST_AUTO_TEST_CASE(only_the_hash_of_a_session_is_at_rest) {
  make("alice");
  const NewSession made = signIn("alice");
  Poco::Data::Session s = catalog->database().session();
  auto rs = Sql::query(s, "SELECT * FROM sessions");
  BOOST_REQUIRE(rs.rowCount() == 1u);
  BOOST_TEST(Sql::text(rs, "session_hash", 0) == secretDigest(made.value));
  for (std::size_t c = 0; c < rs.columnCount(); ++c) {
    const std::string cell = rs.value(c, 0).isEmpty() ? "" : rs.value(c, 0).convert<std::string>();
    BOOST_TEST(cell.find(made.value) == std::string::npos, rs.columnName(c) << " holds the session's value");
  }
}

BOOST_AUTO_TEST_CASE(a_change_needs_the_sessions_own_csrf_token) {
  make("alice");
  make("bob");
  const NewSession alice = signIn("alice");
  const NewSession bob = signIn("bob");
  BOOST_TEST(users().authenticate(presented(alice.value, true, alice.session.csrfToken)).name == "alice");
  for (const std::string& wrong :
       {std::string(), bob.session.csrfToken, alice.session.csrfToken.substr(1), alice.session.csrfToken + "x",
        alice.value, std::string("' OR '1'='1"), std::string(alice.session.csrfToken.size(), '\0')}) {
    const auto e = thrown<ForbiddenException>([&] { users().authenticate(presented(alice.value, true, wrong)); });
    BOOST_TEST(e.field() == "X-CSRF-Token");
    BOOST_TEST(e.reason().find(alice.session.csrfToken) == std::string::npos);
  }
  // Reading needs none.
  BOOST_TEST(users().authenticate(presented(alice.value, false, "")).name == "alice");
}

BOOST_AUTO_TEST_CASE(an_unused_session_ends_after_the_idle_time_and_use_is_noted_once_a_minute) {
  make("alice");
  const NewSession made = signIn("alice");
  const int64_t created = *clockNow;
  advance(30'000);
  BOOST_TEST(signsIn(made.value));
  BOOST_TEST(lastSeen(made.session.id) == created);  // not written within the minute
  advance(31'000);
  BOOST_TEST(signsIn(made.value));
  BOOST_TEST(lastSeen(made.session.id) == *clockNow);
  const int64_t seen = *clockNow;
  advance(29 * kMinute);
  BOOST_TEST(signsIn(made.value));  // 29 min idle: alive, and noted
  BOOST_TEST(lastSeen(made.session.id) == seen + 29 * kMinute);
  advance(30 * kMinute);
  BOOST_TEST(!signsIn(made.value));  // 30 min idle: over
  BOOST_TEST(!sessions().find(made.value));
}

BOOST_AUTO_TEST_CASE(a_used_session_still_ends_at_its_absolute_expiry) {
  make("alice");
  const NewSession made = signIn("alice");
  for (int i = 0; i < 12 * 3 - 1; ++i) {  // every 20 minutes for 11 h 40 min
    advance(20 * kMinute);
    BOOST_TEST_REQUIRE(signsIn(made.value), "at " << (i + 1) * 20 << " minutes");
  }
  advance(20 * kMinute);
  BOOST_TEST(!signsIn(made.value));
}

BOOST_AUTO_TEST_CASE(a_new_password_disabling_or_deleting_the_user_ends_their_sessions) {
  const User alice = make("alice");
  const User bob = make("bob");
  make("root", true);  // the last admin must stay
  const NewSession bobs = signIn("bob");

  NewSession first = signIn("alice");
  UserChanges rename;
  rename.firstname = "Alice";
  users().update(alice.id, rename);  // other changes leave it
  BOOST_TEST(signsIn(first.value));
  UserChanges password;
  password.password = "password2";
  users().update(alice.id, password);
  BOOST_TEST(!signsIn(first.value));
  BOOST_TEST(rows("user_id = " + std::to_string(alice.id)) == 0);
  password.password = "password1";
  users().update(alice.id, password);

  NewSession second = signIn("alice");
  UserChanges disable;
  disable.enabled = false;
  users().update(alice.id, disable);
  BOOST_TEST(!signsIn(second.value));
  BOOST_TEST(rows("user_id = " + std::to_string(alice.id)) == 0);
  UserChanges enable;
  enable.enabled = true;
  users().update(alice.id, enable);
  BOOST_TEST(!signsIn(second.value));  // enabling again does not bring it back

  const NewSession third = signIn("alice");
  users().remove(alice.id);
  BOOST_TEST(!signsIn(third.value));
  BOOST_TEST(rows("user_id = " + std::to_string(alice.id)) == 0);

  BOOST_TEST(signsIn(bobs.value));  // another user's session stays
  BOOST_TEST(rows() == 1);
}

BOOST_AUTO_TEST_CASE(ending_a_session_is_audited_and_expired_ones_are_swept_by_the_next_sign_in) {
  make("alice");
  const NewSession old = signIn("alice");
  const NewSession ended = signIn("alice");
  {
    const Caller alice = users().authenticate(presented(ended.value));
    const ActorScope actor(alice);  // keeps a reference: the caller must outlive it
    BOOST_TEST(sessions().end(ended.value, "alice"));
    BOOST_TEST(!sessions().end(ended.value, "alice"));  // once
  }
  BOOST_TEST(!signsIn(ended.value));
  BOOST_TEST(rows() == 1);
  advance(31 * kMinute);  // `old` idles out, still in the table
  BOOST_TEST(rows() == 1);
  const NewSession fresh = signIn("alice");
  BOOST_TEST(rows() == 1);  // only the fresh one
  BOOST_TEST(signsIn(fresh.value));
  BOOST_TEST(!signsIn(old.value));

  const auto trail = catalog->security().auditTrail(20);
  int created = 0, deleted = 0;
  for (const AuditEvent& e : trail) {
    if (e.action == "session.create") ++created;
    if (e.action == "session.delete") {
      ++deleted;
      BOOST_TEST(e.actor == "alice");
      BOOST_TEST(e.subject == "session " + std::to_string(ended.session.id) + " of user alice");
    }
    BOOST_TEST(e.subject.find(ended.value) == std::string::npos);
  }
  BOOST_TEST(created == 3);
  BOOST_TEST(deleted == 1);
}

BOOST_AUTO_TEST_CASE(values_not_of_a_sessions_form_or_unknown_sign_nobody_in) {
  make("alice");
  const NewSession made = signIn("alice");
  const std::string hash = secretDigest(made.value);
  for (const std::string& value :
       {std::string(), made.value.substr(1), made.value + "A", std::string(made.value.size(), 'A'), hash,
        std::string("' OR '1'='1' --                            "), std::string(43, '\0'),
        made.value.substr(0, 42) + "=", std::string(100'000, 'a'), "mfx_" + made.value}) {
    const auto e = thrown<UnauthorizedException>([&] { users().authenticate(presented(value, true, made.session.csrfToken)); });
    BOOST_TEST(e.message() == "authentication failed");
  }
  BOOST_TEST(!sessions().end("' OR 1=1 --", "alice"));
  BOOST_TEST(rows() == 1);
  // The local CLI user has no id: no session.
  BOOST_TEST(thrown<ValidationException>([&] { sessions().create(Caller::localAdmin("root")); }).field() == "user");
}

BOOST_AUTO_TEST_SUITE_END()
