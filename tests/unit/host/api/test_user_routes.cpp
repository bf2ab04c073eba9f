// The user, role, token, audit and login handlers called directly with an
// ApiRequest (no server): who may do what, the shapes of the answers (never
// a password or a hash), hostile bodies refused naming the field with the
// tables unchanged, a login token that the API then accepts, and every
// body of an operation MultiFlexi's OpenAPI document defines checked
// against its schema.
#define BOOST_TEST_MODULE user_routes
#include <boost/test/unit_test.hpp>

#include "ApiFixture.h"
#include "TempDir.h"
#include "Thrown.h"
#include "api/LoginRoutes.h"
#include "api/UserRoutes.h"
#include "catalog/Catalog.h"
#include "catalog/CompanyCatalog.h"
#include "catalog/UserCatalog.h"
#include "common/Exceptions.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <functional>
#include <memory>

using namespace MultiFlexi;
using MultiFlexi::Testing::thrown;

namespace {

struct RoutesFixture {
  Testing::TempDir dir;
  std::unique_ptr<Catalog> catalog;
  std::vector<ApiRoute> routes;
  Caller root, alice, bob;
  int64_t acme = 0, other = 0;

  RoutesFixture() {
    CatalogHost host;
    host.notify = [](Change) {};
    host.users.cost = PasswordHashCost::minimum();
    catalog = Catalog::open(dir.file("multiflexi.db"), dir.file("multiflexi.key"), true, std::move(host));
    for (auto& r : userRoutes()) routes.push_back(r);
    for (auto& r : loginRoutes()) routes.push_back(r);
    root = callerOf(makeUser("root", true));
    acme = company("acme");
    other = company("other");
    const User a = makeUser("alice", false);
    const User b = makeUser("bob", false);
    catalog->users().assignRole(a.id, acme, CompanyRole::Editor);
    catalog->users().assignRole(b.id, acme, CompanyRole::Viewer);
    alice = callerOf(a);
    bob = callerOf(b);
  }

  User makeUser(const std::string& login, bool admin) {
    UserChanges c;
    c.login = login;
    c.password = "password1";
    c.admin = admin;
    c.email = login + "@example.com";
    return catalog->users().create(c);
  }
  int64_t company(const std::string& slug) {
    CompanyChanges c;
    c.name = slug;
    c.slug = slug;
    return catalog->companies().create(c).id;
  }
  Caller callerOf(const User& u) { return catalog->users().callerOf(u); }

  const ApiRoute& route(const std::string& method, const std::string& path) {
    for (const auto& r : routes)
      if (r.method == method && r.path == path) return r;
    BOOST_FAIL("no route " << method << " " << path);
    throw std::logic_error("unreachable");
  }
  ApiResponse call(const std::string& method, const std::string& path, std::optional<Caller> caller,
                   std::map<std::string, std::string> params = {}, std::optional<OrderedJson> body = std::nullopt,
                   std::map<std::string, std::string> query = {}) {
    ApiRequest request;
    request.caller = std::move(caller);
    request.path = std::move(params);
    request.body = std::move(body);
    request.query = std::move(query);
    request.remoteAddress = "198.51.100.7";
    return route(method, path).handler(*catalog, request);
  }
  int64_t count(const std::string& table) {
    Poco::Data::Session s = catalog->database().session();
    return Sql::scalar(s, "SELECT COUNT(*) FROM " + table);
  }
  /// The text of a whole answer, to look for what must never be in it.
  static std::string text(const ApiResponse& r) { return r.body.dump(); }
};

std::string id(int64_t n) { return std::to_string(n); }

/// Checks `body` against the response schema of MultiFlexi's document.
void conforms(const std::string& method, const std::string& documentPath, int status, const OrderedJson& body) {
  Testing::ApiFixture::conforms(method, documentPath, status, body);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(user_routes, RoutesFixture)

BOOST_AUTO_TEST_CASE(every_route_but_login_needs_a_caller) {
  for (const auto& r : routes) BOOST_TEST(r.authenticated == (r.path != "/login"), r.method << " " << r.path);
}

BOOST_AUTO_TEST_CASE(login_returns_a_token_the_api_accepts_and_logout_revokes_it) {
  const ApiResponse r = call("POST", "/login", std::nullopt, {}, OrderedJson{{"username", "alice"}, {"password", "password1"}});
  BOOST_TEST(r.status == 201);
  BOOST_TEST(r.body["status"] == "success");
  BOOST_TEST(r.body["user"]["login"] == "alice");
  BOOST_TEST(r.body["user"]["email"] == "alice@example.com");
  BOOST_TEST(text(r).find("password") == std::string::npos);
  const std::string token = r.body["token"];
  AuthAttempt bearer;
  bearer.scheme = AuthAttempt::Scheme::Token;
  bearer.secret = token;
  const Caller caller = catalog->users().authenticate(bearer);
  BOOST_TEST(caller.name == "alice");
  const auto listed = catalog->users().tokens(caller.userId, 10, 0);
  BOOST_REQUIRE(listed.size() == 1u);
  BOOST_TEST(listed.front().name == "login");
  const int64_t lifetime = listed.front().expiresAt.value_or(0) - listed.front().createdAt;
  BOOST_TEST(lifetime <= 24 * 3'600'000);
  BOOST_TEST(lifetime > 24 * 3'600'000 - 60'000);
  // MultiFlexi's document gives login (and logout) no response schema: nothing to validate against.
  BOOST_CHECK_THROW(Testing::multiFlexiOpenApi().responseSchema("POST", "/login.{suffix}", 201), std::runtime_error);
  // MultiFlexi's query parameters work too.
  BOOST_TEST(call("GET", "/login", std::nullopt, {}, std::nullopt, {{"username", "bob"}, {"password", "password1"}})
                 .status == 201);
  ApiRequest out;
  out.caller = caller;
  out.bearerToken = token;
  BOOST_TEST(route("POST", "/logout").handler(*catalog, out).status == 200);
  BOOST_TEST(thrown<UnauthorizedException>([&] { catalog->users().authenticate(bearer); }).message() ==
             "authentication failed");
}

BOOST_AUTO_TEST_CASE(a_wrong_login_is_the_one_401_and_bad_bodies_name_the_field) {
  const auto wrong = thrown<UnauthorizedException>(
      [&] { call("POST", "/login", std::nullopt, {}, OrderedJson{{"username", "alice"}, {"password", "nope-nope"}}); });
  const auto unknown = thrown<UnauthorizedException>(
      [&] { call("POST", "/login", std::nullopt, {}, OrderedJson{{"username", "zed"}, {"password", "password1"}}); });
  BOOST_TEST(wrong.message() == unknown.message());
  BOOST_TEST(thrown<ValidationException>([&] { call("POST", "/login", std::nullopt); }).field() == "username");
  BOOST_TEST(thrown<ValidationException>([&] {
               call("POST", "/login", std::nullopt, {}, OrderedJson{{"username", 5}, {"password", "x"}});
             }).field() == "username");
  BOOST_TEST(thrown<ValidationException>([&] {
               call("POST", "/login", std::nullopt, {}, OrderedJson::array({1, 2}));
             }).field() == "body");
  const int64_t tokens = count("api_tokens");
  thrown<UnauthorizedException>(
      [&] { call("POST", "/login", std::nullopt, {}, OrderedJson{{"username", "alice' OR '1'='1"}, {"password", "p"}}); });
  // A NUL byte is refused as input before any account is looked at (one reader, one rule for text).
  BOOST_TEST(thrown<ValidationException>([&] {
               call("POST", "/login", std::nullopt, {}, OrderedJson{{"username", "alice"}, {"password", std::string("a\0b", 3)}});
             }).field() == "password");
  BOOST_TEST(thrown<ValidationException>([&] {
               call("GET", "/login", std::nullopt, {}, std::nullopt, {{"username", std::string("al\0ice", 6)}, {"password", "p"}});
             }).field() == "username");
  BOOST_TEST(thrown<ValidationException>([&] {
               call("POST", "/login", std::nullopt, {}, OrderedJson{{"username", nullptr}, {"password", "p"}});
             }).field() == "username");
  thrown<UnauthorizedException>([&] {
    call("POST", "/login", std::nullopt, {}, OrderedJson{{"username", std::string(10'000, 'a')}, {"password", "p"}});
  });
  BOOST_TEST(count("api_tokens") == tokens);
}

BOOST_AUTO_TEST_CASE(admins_list_all_users_others_only_themselves) {
  const ApiResponse all = call("GET", "/users", root);
  BOOST_TEST(all.body.size() == 3u);
  for (const auto& u : all.body) {
    BOOST_TEST(!u.contains("password"));
    BOOST_TEST(u.contains("login"));
    BOOST_TEST(u.contains("DatCreate"));
  }
  BOOST_TEST(text(all).find("$argon2id") == std::string::npos);
  conforms("GET", "/users.{suffix}", 200, all.body);
  BOOST_TEST(call("GET", "/users", root, {}, std::nullopt, {{"limit", "1"}, {"offset", "1"}}).body.size() == 1u);
  const ApiResponse mine = call("GET", "/users", alice);
  BOOST_REQUIRE(mine.body.size() == 1u);
  BOOST_TEST(mine.body[0]["login"] == "alice");
  BOOST_TEST(!mine.body[0].contains("firstname"));  // not nullable in MultiFlexi's User: left out
  conforms("GET", "/users.{suffix}", 200, mine.body);
  thrown<ValidationException>([&] { call("GET", "/users", root, {}, std::nullopt, {{"limit", "0"}}); });
  thrown<ValidationException>([&] { call("GET", "/users", root, {}, std::nullopt, {{"limit", "1; DROP TABLE users"}}); });
}

BOOST_AUTO_TEST_CASE(a_user_sees_himself_and_no_one_else) {
  const ApiResponse self = call("GET", "/user/{userId}", alice, {{"userId", id(*alice.userId)}});
  BOOST_TEST(self.body["login"] == "alice");
  conforms("GET", "/user/{userId}.{suffix}", 200, self.body);
  thrown<NotFoundException>([&] { call("GET", "/user/{userId}", alice, {{"userId", id(*bob.userId)}}); });
  thrown<NotFoundException>([&] { call("GET", "/user/{userId}", root, {{"userId", "999"}}); });
  BOOST_TEST(thrown<ValidationException>([&] { call("GET", "/user/{userId}", root, {{"userId", "x"}}); }).field() ==
             "userId");
  const ApiResponse roles = call("GET", "/user/{userId}/roles", alice, {{"userId", id(*alice.userId)}});
  BOOST_TEST(roles.body[0]["name"] == "user");
  BOOST_TEST(roles.body[0]["is_active"] == true);
  conforms("GET", "/user/{userId}/roles.{suffix}", 200, roles.body);
}

BOOST_AUTO_TEST_CASE(only_admins_create_users_and_set_roles) {
  const OrderedJson carol{{"login", "carol"}, {"email", "carol@example.com"}, {"password", "password1"}};
  thrown<ForbiddenException>([&] { call("POST", "/user/", alice, {}, carol); });
  const ApiResponse made = call("POST", "/user/", root, {}, carol);
  BOOST_TEST(made.status == 201);
  BOOST_TEST(made.body["login"] == "carol");
  BOOST_TEST(text(made).find("password") == std::string::npos);
  conforms("POST", "/user/", 201, made.body);
  const std::string carolId = id(made.body["id"].get<int64_t>());
  thrown<ForbiddenException>(
      [&] { call("POST", "/user/{userId}/roles/", alice, {{"userId", id(*alice.userId)}}, OrderedJson{{"role", "admin"}}); });
  const ApiResponse role = call("POST", "/user/{userId}/roles/", root, {{"userId", carolId}}, OrderedJson{{"role", "admin"}});
  // MultiFlexi's answer (changed from our former array of RbacRole, which its schema refuses).
  BOOST_TEST(role.body["user_id"] == made.body["id"]);
  BOOST_TEST(role.body["roles"] == OrderedJson::array({"admin"}));
  BOOST_TEST(role.body["role_details"][0]["name"] == "admin");
  conforms("POST", "/user/{userId}/roles/", 200, role.body);
  // MultiFlexi's request body: a list of role names (one: a user has one global role).
  const ApiResponse back =
      call("POST", "/user/{userId}/roles/", root, {{"userId", carolId}}, OrderedJson{{"roles", {"user"}}});
  BOOST_TEST(back.body["role_details"][0]["name"] == "user");
  conforms("POST", "/user/{userId}/roles/", 200, back.body);
  BOOST_TEST(thrown<ValidationException>([&] {
               call("POST", "/user/{userId}/roles/", root, {{"userId", carolId}}, OrderedJson{{"role", "god"}});
             }).field() == "role");
  for (const OrderedJson& roles : {OrderedJson("admin"), OrderedJson::array(), OrderedJson::array({"admin", "user"}),
                                   OrderedJson::array({1}), OrderedJson::array({"god"}), OrderedJson(nullptr)})
    BOOST_TEST(thrown<ValidationException>([&] {
                 call("POST", "/user/{userId}/roles/", root, {{"userId", carolId}}, OrderedJson{{"roles", roles}});
               }).field() == "roles",
               roles.dump());
}

BOOST_AUTO_TEST_CASE(a_user_changes_his_own_names_and_password_but_not_his_flags) {
  const ApiResponse r = call("POST", "/user/", alice, {},
                             OrderedJson{{"id", *alice.userId}, {"firstname", "Alice"}, {"password", "password2"}});
  BOOST_TEST(r.status == 201);  // MultiFlexi's document: 201 "created or updated" (was 200)
  BOOST_TEST(r.body["firstname"] == "Alice");
  conforms("POST", "/user/", 201, r.body);
  // MultiFlexi's clients name the user in the query.
  const ApiResponse q = call("POST", "/user/", alice, {}, OrderedJson{{"lastname", "Liddell"}},
                             {{"userId", id(*alice.userId)}});
  BOOST_TEST(q.body["id"] == *alice.userId);
  BOOST_TEST(q.body["lastname"] == "Liddell");
  BOOST_TEST(count("users") == 3);
  BOOST_TEST(thrown<ValidationException>([&] {
               call("POST", "/user/", alice, {}, OrderedJson{{"id", *bob.userId}}, {{"userId", id(*alice.userId)}});
             }).field() == "id");
  BOOST_TEST(thrown<ValidationException>([&] {
               call("POST", "/user/", alice, {}, OrderedJson{{"firstname", "A"}}, {{"userId", "1 OR 1=1"}});
             }).field() == "userId");
  BOOST_TEST(thrown<ForbiddenException>([&] {
               call("POST", "/user/", alice, {}, OrderedJson{{"id", *alice.userId}, {"admin", true}});
             }).field() == "admin");
  thrown<NotFoundException>([&] { call("POST", "/user/", alice, {}, OrderedJson{{"id", *bob.userId}, {"firstname", "B"}}); });
  AuthAttempt a;
  a.login = "alice";
  a.secret = "password2";
  BOOST_TEST(catalog->users().authenticate(a).name == "alice");
}

BOOST_AUTO_TEST_CASE(hostile_user_bodies_are_refused_naming_the_field_and_change_nothing) {
  const int64_t users = count("users");
  const std::vector<std::pair<OrderedJson, std::string>> cases = {
      {OrderedJson{{"login", 42}}, "login"},
      {OrderedJson{{"login", "x'); DROP TABLE users; --"}}, "login"},
      {OrderedJson{{"login", std::string("ev\0il", 5)}}, "login"},
      {OrderedJson{{"login", std::string(10'000, 'l')}}, "login"},
      {OrderedJson{{"login", "eve"}, {"email", "not-an-email"}}, "email"},
      {OrderedJson{{"login", "eve"}, {"enabled", "maybe"}}, "enabled"},
      {OrderedJson{{"login", "eve"}, {"password", "short"}}, "password"},
      {OrderedJson{{"login", "eve"}, {"password", OrderedJson::array()}}, "password"},
      {OrderedJson{{"login", "eve"}, {"is_admin", true}}, "is_admin"},
      {OrderedJson{{"id", "1 OR 1=1"}, {"login", "eve"}}, "id"},
      {OrderedJson::object(), "login"},
      {OrderedJson(), "body"},
  };
  for (const auto& [body, field] : cases)
    BOOST_TEST(thrown<ValidationException>([&] { call("POST", "/user/", root, {}, body); }).field() == field,
               body.dump().substr(0, 60));
  BOOST_TEST(thrown<ValidationException>([&] { call("POST", "/user/", root); }).field() == "body");
  BOOST_TEST(count("users") == users);
}

BOOST_AUTO_TEST_CASE(a_number_that_is_not_a_whole_int64_is_refused_naming_the_member) {
  // Each body asks for an integer member: the user to change, the token's
  // user, the user given a company role. None of these values is one.
  const std::vector<OrderedJson> notIntegers = {
      OrderedJson::parse("9223372036854775808"),  // INT64_MAX + 1: wrapped to INT64_MIN before
      OrderedJson::parse("18446744073709551615"),
      OrderedJson::parse("-1e30"),
      OrderedJson("9223372036854775808"),
      OrderedJson("12abc"),
      OrderedJson(" 12"),
      OrderedJson(1.5),
      OrderedJson(true),
      OrderedJson(nullptr),  // taken as "absent" before: a create, or the caller's own token
      OrderedJson::array({1}),
  };
  const int64_t users = count("users"), tokens = count("api_tokens"), members = count("company_users");
  for (const OrderedJson& n : notIntegers) {
    BOOST_TEST(thrown<ValidationException>([&] {
                 call("POST", "/user/", root, {}, OrderedJson{{"id", n}, {"login", "eve"}, {"password", "password1"}});
               }).field() == "id",
               n.dump());
    BOOST_TEST(thrown<ValidationException>([&] {
                 call("POST", "/token/", root, {}, OrderedJson{{"name", "x"}, {"user_id", n}});
               }).field() == "user_id",
               n.dump());
    BOOST_TEST(thrown<ValidationException>([&] {
                 call("POST", "/company/{companyId}/user/", root, {{"companyId", id(other)}},
                      OrderedJson{{"user_id", n}, {"role", "viewer"}});
               }).field() == "user_id",
               n.dump());
  }
  BOOST_TEST(count("users") == users);
  BOOST_TEST(count("api_tokens") == tokens);
  BOOST_TEST(count("company_users") == members);
}

BOOST_AUTO_TEST_CASE(query_numbers_out_of_range_name_the_parameter) {
  for (const std::string& bad : std::vector<std::string>{"9223372036854775808", "-1", "1e3", "12abc", "", std::string("1\0", 2)})
    BOOST_TEST(thrown<ValidationException>([&] {
                 call("GET", "/tokens", root, {}, std::nullopt, {{"user_id", bad}});
               }).field() == "user_id",
               bad);
  BOOST_TEST(thrown<ValidationException>([&] {
               call("GET", "/users", root, {}, std::nullopt, {{"offset", "9223372036854775808"}});
             }).field() == "offset");
}

BOOST_AUTO_TEST_CASE(company_users_are_for_its_editors_and_strangers_get_404) {
  const ApiResponse r = call("GET", "/company/{companyId}/users", alice, {{"companyId", id(acme)}});
  BOOST_TEST(r.body.size() == 2u);
  BOOST_TEST(r.body[0].contains("role"));
  conforms("GET", "/company/{companyId}/users.{suffix}", 200, r.body);
  thrown<ForbiddenException>([&] { call("GET", "/company/{companyId}/users", bob, {{"companyId", id(acme)}}); });
  thrown<NotFoundException>([&] { call("GET", "/company/{companyId}/users", alice, {{"companyId", id(other)}}); });
  thrown<NotFoundException>([&] { call("GET", "/company/{companyId}/users", root, {{"companyId", "9999"}}); });
  // Assigning is the admins'; a stranger to the company gets 404 and nothing changes.
  const int64_t before = count("company_users");
  thrown<NotFoundException>([&] {
    call("POST", "/company/{companyId}/user/", alice, {{"companyId", id(other)}},
         OrderedJson{{"user_id", *alice.userId}, {"role", "editor"}});
  });
  thrown<ForbiddenException>([&] {
    call("POST", "/company/{companyId}/user/", alice, {{"companyId", id(acme)}},
         OrderedJson{{"user_id", *bob.userId}, {"role", "editor"}});
  });
  BOOST_TEST(count("company_users") == before);
  BOOST_TEST(thrown<ValidationException>([&] {
               call("POST", "/company/{companyId}/user/", root, {{"companyId", id(other)}},
                    OrderedJson{{"user_id", *bob.userId}, {"role", "owner"}});
             }).field() == "role");
  const ApiResponse assigned = call("POST", "/company/{companyId}/user/", root, {{"companyId", id(other)}},
                                    OrderedJson{{"user_id", *bob.userId}, {"role", "operator"}});
  BOOST_TEST(assigned.status == 201);
  BOOST_TEST(assigned.body["role"] == "operator");
  BOOST_TEST(assigned.body["company_id"] == other);
  conforms("POST", "/company/{companyId}/user/", 201, assigned.body);
  const ApiResponse removed = call("DELETE", "/company/{companyId}/user/{userId}", root, {{"companyId", id(other)}, {"userId", id(*bob.userId)}});
  BOOST_TEST(removed.body["deleted"] == 1);
  conforms("DELETE", "/company/{companyId}/user/{userId}", 200, removed.body);
  thrown<NotFoundException>([&] {
    call("DELETE", "/company/{companyId}/user/{userId}", root, {{"companyId", id(other)}, {"userId", id(*bob.userId)}});
  });
}

BOOST_AUTO_TEST_CASE(tokens_are_listed_without_values_and_revoked_only_by_their_owner_or_an_admin) {
  const ApiResponse made = call("POST", "/token/", alice, {}, OrderedJson{{"name", "ci"}, {"expires", "30d"}});
  BOOST_TEST(made.status == 201);
  const std::string value = made.body["token"];
  BOOST_TEST(value.rfind("mfx_", 0) == 0u);
  const std::string tokenId = id(made.body["id"].get<int64_t>());
  const ApiResponse listed = call("GET", "/tokens", alice);
  BOOST_TEST(listed.body.size() == 1u);
  BOOST_TEST(text(listed).find(value) == std::string::npos);
  BOOST_TEST(call("GET", "/tokens", bob).body.empty());
  BOOST_TEST(call("GET", "/tokens", root).body.size() == 1u);
  thrown<ForbiddenException>(
      [&] { call("POST", "/token/", bob, {}, OrderedJson{{"name", "steal"}, {"user_id", *alice.userId}}); });
  BOOST_TEST(thrown<ValidationException>([&] {
               call("POST", "/token/", bob, {}, OrderedJson{{"name", "x"}, {"expires", "forever"}});
             }).field() == "expires");
  BOOST_TEST(thrown<ValidationException>([&] { call("POST", "/token/", bob, {}, OrderedJson{{"name", 7}}); }).field() ==
             "name");
  thrown<NotFoundException>([&] { call("DELETE", "/token/{id}", bob, {{"id", tokenId}}); });
  BOOST_TEST(call("DELETE", "/token/{id}", alice, {{"id", tokenId}}).status == 200);
  thrown<NotFoundException>([&] { call("DELETE", "/token/{id}", root, {{"id", tokenId}}); });
}

BOOST_AUTO_TEST_CASE(the_audit_log_names_the_actor_and_is_for_admins_and_company_editors) {
  call("POST", "/company/{companyId}/user/", root, {{"companyId", id(other)}},
       OrderedJson{{"user_id", *bob.userId}, {"role", "viewer"}});
  const ApiResponse log = call("GET", "/auditlog", root, {}, std::nullopt, {{"limit", "1"}});
  BOOST_REQUIRE(log.body.size() == 1u);
  BOOST_TEST(log.body[0]["action"] == "user-company.assign");
  BOOST_TEST(log.body[0]["actor"] == "root");
  BOOST_TEST(log.body[0]["company_id"] == other);
  const std::string eventId = id(log.body[0]["id"].get<int64_t>());
  BOOST_TEST(call("GET", "/auditlog/{id}", root, {{"id", eventId}}).body["id"] == log.body[0]["id"]);
  thrown<NotFoundException>([&] { call("GET", "/auditlog/{id}", alice, {{"id", eventId}}); });
  thrown<ForbiddenException>([&] { call("GET", "/auditlog", alice); });
  thrown<NotFoundException>([&] { call("GET", "/auditlog", alice, {}, std::nullopt, {{"company_id", id(other)}}); });
  thrown<ForbiddenException>([&] { call("GET", "/auditlog", bob, {}, std::nullopt, {{"company_id", id(acme)}}); });
  const ApiResponse acmeLog = call("GET", "/auditlog", alice, {}, std::nullopt, {{"company_id", id(acme)}});
  for (const auto& e : acmeLog.body) BOOST_TEST(e["company_id"] == acme);
  BOOST_TEST(acmeLog.body.size() == 3u);  // the company's creation, alice's and bob's assignment
}

BOOST_AUTO_TEST_CASE(a_login_token_cannot_mint_a_token_that_outlives_it) {
  const ApiResponse login =
      call("POST", "/login", std::nullopt, {}, OrderedJson{{"username", "alice"}, {"password", "password1"}});
  AuthAttempt bearer;
  bearer.scheme = AuthAttempt::Scheme::Token;
  bearer.secret = login.body["token"];
  const Caller byToken = catalog->users().authenticate(bearer);
  const auto loginToken = catalog->users().token(login.body["token_id"].get<int64_t>());
  BOOST_TEST(byToken.credentialExpiresAt.value_or(0) == loginToken.expiresAt.value_or(-1));
  for (const char* expires : {"never", "90d", "25h"}) {
    const auto e = thrown<ValidationException>(
        [&] { call("POST", "/token/", byToken, {}, OrderedJson{{"name", "forever"}, {"expires", expires}}); });
    BOOST_TEST(e.field() == "expires");
  }
  const ApiResponse bounded = call("POST", "/token/", byToken, {}, OrderedJson{{"name", "ci"}});
  BOOST_TEST(bounded.status == 201);
  BOOST_TEST(catalog->users().token(bounded.body["id"].get<int64_t>()).expiresAt.value_or(0) ==
             loginToken.expiresAt.value_or(-1));
  const ApiResponse shorter = call("POST", "/token/", byToken, {}, OrderedJson{{"name", "ci"}, {"expires", "1h"}});
  BOOST_TEST(*catalog->users().token(shorter.body["id"].get<int64_t>()).expiresAt < *loginToken.expiresAt);
  // Nor set its own password (then sign in with it and mint one that never expires).
  const auto e = thrown<ForbiddenException>([&] {
    call("POST", "/user/", byToken, {}, OrderedJson{{"id", *byToken.userId}, {"password", "chosen-by-thief"}});
  });
  BOOST_TEST(e.field() == "password");
  thrown<UnauthorizedException>([&] {
    call("POST", "/login", std::nullopt, {}, OrderedJson{{"username", "alice"}, {"password", "chosen-by-thief"}});
  });
  // A password caller keeps today's rules.
  BOOST_TEST(call("POST", "/token/", alice, {}, OrderedJson{{"name", "ci"}, {"expires", "never"}}).status == 201);
}

BOOST_AUTO_TEST_SUITE_END()
