#include "cli/commands/UserCommands.h"

#include "api/UserJson.h"
#include "catalog/CompanyCatalog.h"
#include "catalog/UserCatalog.h"
#include "cli/CommandContext.h"
#include "cli/Output.h"
#include "cli/TextTable.h"
#include "common/Exceptions.h"
#include "crypto/SecureBuffer.h"

#include <Poco/NumberParser.h>
#include <Poco/Util/Option.h>

#include <iostream>
#include <ostream>

namespace MultiFlexi {

namespace {

void printUser(CommandContext& context, const User& user) {
  if (context.json())
    printJson(context.out(), userJson(user));
  else
    printObject(context.out(), userJson(user));
}

/// The user --NAME names: a login, or an id when no login is that text.
User userNamed(CommandContext& context, const std::string& option, const std::string& text) {
  UserCatalog& users = context.catalog().users();
  try {
    return users.get(UserKey{{}, text});
  } catch (const NotFoundException& e) {
    Poco::Int64 id = 0;
    if (!Poco::NumberParser::tryParse64(text, id)) throw NotFoundException(option, e.reason());
    return users.get(UserKey{id, {}});
  }
}

/// A flag option without a value (--admin).
void addSwitch(Poco::Util::OptionSet& options, const std::string& name, const std::string& description) {
  options.addOption(Poco::Util::Option(name, "", description).required(false).repeatable(false));
}

/// The fields create and update share.
class UserEditCommand : public Command {
 protected:
  void defineFields(Poco::Util::OptionSet& options) {
    addOption(options, "login", "LOGIN", "Login: 1-64 of A-Z a-z 0-9 . _ @ -.");
    addOption(options, "email", "EMAIL", "E-mail address (empty to clear).");
    addOption(options, "firstname", "NAME", "First name (empty to clear).");
    addOption(options, "lastname", "NAME", "Last name (empty to clear).");
    addSwitch(options, "password-stdin", "Read the password (at least 8 characters) from the first line of stdin.");
    addOption(options, "password", "PASSWORD", "The password (visible to other users of this machine: "
                                               "prefer --password-stdin).");
  }
  /// The options given, as a change; the password from stdin or the option.
  UserChanges changes() const {
    UserChanges c;
    c.login = value("login");
    c.email = value("email");
    c.firstname = value("firstname");
    c.lastname = value("lastname");
    if (has("password-stdin") && has("password"))
      throw UsageException("give either --password-stdin or --password, not both");
    if (has("password-stdin")) {
      std::string line;
      if (!std::getline(std::cin, line)) throw UsageException("--password-stdin: nothing to read on stdin");
      if (!line.empty() && line.back() == '\r') line.pop_back();
      c.password = line;
      wipe(line);
    } else if (auto given = value("password")) {
      std::cerr << "multiflexi: warning: a password on the command line is visible to other users of this "
                   "machine and kept in shell history; use --password-stdin\n";
      c.password = *given;
    }
    return c;
  }
};

class CreateCommand : public UserEditCommand {
 public:
  std::string name() const override { return "user:create"; }
  std::string summary() const override { return "Create a user (--admin: a global admin)"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    defineFields(options);
    addSwitch(options, "admin", "Make the user a global admin.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    UserChanges c = changes();
    c.login = required("login");
    c.admin = has("admin");
    const User user = context.catalog().users().create(c);
    if (c.password) wipe(*c.password);
    printUser(context, user);
    return 0;
  }
};

class ListCommand : public Command {
 public:
  std::string name() const override { return "user:list"; }
  std::string summary() const override { return "List users"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "limit", "N", "At most N rows (default 100).");
    addOption(options, "offset", "N", "Skip the first N rows.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const auto users = context.catalog().users().list(limit(), offset());
    if (context.json()) {
      OrderedJson list = OrderedJson::array();
      for (const auto& u : users) list.push_back(userJson(u));
      printJson(context.out(), list);
      return 0;
    }
    TextTable table({"ID", "LOGIN", "EMAIL", "NAME", "ENABLED", "ADMIN"});
    for (const auto& u : users) {
      std::string fullName = u.firstname.value_or("");
      if (u.lastname) fullName += (fullName.empty() ? "" : " ") + *u.lastname;
      table.addRow({std::to_string(u.id), u.login, u.email.value_or(""), fullName, u.enabled ? "yes" : "no",
                    u.admin ? "yes" : "no"});
    }
    table.print(context.out());
    return 0;
  }
};

/// --id or --login.
class UserByKeyCommand : public Command {
 protected:
  void defineKey(Poco::Util::OptionSet& options) {
    addOption(options, "id", "ID", "The user's id.");
    addOption(options, "login", "LOGIN", "The user's login.");
  }
  User user(CommandContext& context) const {
    if (!has("id") && !has("login")) throw UsageException("--id or --login is required");
    return context.catalog().users().get(UserKey{integer("id"), value("login")});
  }
};

class GetCommand : public UserByKeyCommand {
 public:
  std::string name() const override { return "user:get"; }
  std::string summary() const override { return "Show a user and its company roles"; }
  void defineOptions(Poco::Util::OptionSet& options) override { defineKey(options); }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const User u = user(context);
    OrderedJson j = userJson(u);
    OrderedJson roles = OrderedJson::array();
    for (const auto& m : context.catalog().users().rolesOf(u.id)) roles.push_back(companyUserJson(m));
    j["companies"] = roles;
    if (context.json())
      printJson(context.out(), j);
    else
      printObject(context.out(), j);
    return 0;
  }
};

class UpdateCommand : public UserEditCommand {
 public:
  std::string name() const override { return "user:update"; }
  std::string summary() const override { return "Change a user's fields, password or enabled flag"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "id", "ID", "The user to change.");
    defineFields(options);
    addOption(options, "enabled", "0|1", "Whether the user may sign in.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const int64_t id = requiredInteger("id");
    UserChanges c = changes();
    c.enabled = flag("enabled");
    const User user = context.catalog().users().update(id, c);
    if (c.password) wipe(*c.password);
    printUser(context, user);
    return 0;
  }
};

class DeleteCommand : public UserByKeyCommand {
 public:
  std::string name() const override { return "user:delete"; }
  std::string summary() const override { return "Delete a user with its company roles and tokens"; }
  void defineOptions(Poco::Util::OptionSet& options) override { defineKey(options); }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const User u = user(context);
    context.catalog().users().remove(u.id);
    printDeleted(context.out(), context.json(), "user", u.id, u.login);
    return 0;
  }
};

/// --user and --company.
class MembershipCommand : public Command {
 protected:
  void defineTarget(Poco::Util::OptionSet& options) {
    addOption(options, "user", "LOGIN", "The user (login or id).");
    addOption(options, "company", "ID|SLUG", "The company.");
  }
  User targetUser(CommandContext& context) const { return userNamed(context, "user", required("user")); }
  int64_t targetCompany(CommandContext& context) const {
    return context.catalog().companies().idOf("company", required("company"));
  }
};

class AssignCommand : public MembershipCommand {
 public:
  std::string name() const override { return "user-company:assign"; }
  std::string summary() const override { return "Give a user a role in a company (viewer, operator, editor)"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    defineTarget(options);
    addOption(options, "role", "ROLE", "viewer (reads), operator (also runs jobs), editor (also configures).");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const std::string roleText = required("role");
    const auto role = roleNamed(roleText);
    if (!role) throw ValidationException("role", "expected viewer, operator or editor, got '" + roleText + "'");
    const User u = targetUser(context);
    const auto m = context.catalog().users().assignRole(u.id, targetCompany(context), *role);
    if (context.json())
      printJson(context.out(), companyUserJson(m));
    else
      printObject(context.out(), companyUserJson(m));
    return 0;
  }
};

class UnassignCommand : public MembershipCommand {
 public:
  std::string name() const override { return "user-company:unassign"; }
  std::string summary() const override { return "Take a user's role in a company away"; }
  void defineOptions(Poco::Util::OptionSet& options) override { defineTarget(options); }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const User u = targetUser(context);
    const int64_t company = targetCompany(context);
    context.catalog().users().unassignRole(u.id, company);
    printDeleted(context.out(), context.json(), "role of user", u.id, "company " + std::to_string(company));
    return 0;
  }
};

class RoleSetCommand : public Command {
 public:
  std::string name() const override { return "user-role:set"; }
  std::string summary() const override { return "Set a user's global role: admin or user"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "user", "LOGIN", "The user (login or id).");
    addOption(options, "role", "admin|user", "admin: manages everything; user: only its companies.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const std::string role = required("role");
    if (role != "admin" && role != "user")
      throw ValidationException("role", "expected admin or user, got '" + role + "'");
    const User u = userNamed(context, "user", required("user"));
    printUser(context, context.catalog().users().setAdmin(u.id, role == "admin"));
    return 0;
  }
};

class TokenCreateCommand : public Command {
 public:
  std::string name() const override { return "token:create"; }
  std::string summary() const override { return "Make an API token for a user (printed once)"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "user", "LOGIN", "The user (login or id).");
    addOption(options, "name", "NAME", "What the token is for (default 'cli').");
    addOption(options, "expires", "90d|12h|never", "Lifetime (default 90d).");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const auto lifetime = parseTokenLifetime(value("expires").value_or("90d"));
    const User u = userNamed(context, "user", required("user"));
    const std::optional<Instant> expires = lifetime ? std::optional<Instant>(nowMs() + *lifetime) : std::nullopt;
    NewApiToken made = context.catalog().users().createToken(u.id, value("name").value_or("cli"), expires);
    OrderedJson j = apiTokenJson(made.token);
    j["token"] = made.value;
    wipe(made.value);
    if (context.json()) {
      printJson(context.out(), j);
      return 0;
    }
    printObject(context.out(), j);
    context.out() << "(the token is shown this once; keep it safe)\n";
    return 0;
  }
};

class TokenListCommand : public Command {
 public:
  std::string name() const override { return "token:list"; }
  std::string summary() const override { return "List API tokens (never their values)"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "user", "LOGIN", "Only this user's tokens.");
    addOption(options, "limit", "N", "At most N rows (default 100).");
    addOption(options, "offset", "N", "Skip the first N rows.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    std::optional<int64_t> userId;
    if (auto who = value("user")) userId = userNamed(context, "user", *who).id;
    const auto tokens = context.catalog().users().tokens(userId, limit(), offset());
    if (context.json()) {
      OrderedJson list = OrderedJson::array();
      for (const auto& t : tokens) list.push_back(apiTokenJson(t));
      printJson(context.out(), list);
      return 0;
    }
    TextTable table({"ID", "USER", "NAME", "CREATED", "EXPIRES", "LAST USED", "REVOKED"});
    const auto at = [](const std::optional<Instant>& v) { return v ? formatInstant(*v) : std::string(); };
    for (const auto& t : tokens)
      table.addRow({std::to_string(t.id), std::to_string(t.userId), t.name, formatInstant(t.createdAt),
                    at(t.expiresAt), at(t.lastUsedAt), at(t.revokedAt)});
    table.print(context.out());
    return 0;
  }
};

class TokenDeleteCommand : public Command {
 public:
  std::string name() const override { return "token:delete"; }
  std::string summary() const override { return "Revoke an API token"; }
  void defineOptions(Poco::Util::OptionSet& options) override { addOption(options, "id", "ID", "The token."); }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const int64_t id = requiredInteger("id");
    context.catalog().users().revokeToken(id);
    printDeleted(context.out(), context.json(), "token", id, "revoked");
    return 0;
  }
};

}  // namespace

std::vector<std::unique_ptr<Command>> userCommands() {
  std::vector<std::unique_ptr<Command>> out;
  out.push_back(std::make_unique<CreateCommand>());
  out.push_back(std::make_unique<ListCommand>());
  out.push_back(std::make_unique<GetCommand>());
  out.push_back(std::make_unique<UpdateCommand>());
  out.push_back(std::make_unique<DeleteCommand>());
  out.push_back(std::make_unique<AssignCommand>());
  out.push_back(std::make_unique<UnassignCommand>());
  out.push_back(std::make_unique<RoleSetCommand>());
  out.push_back(std::make_unique<TokenCreateCommand>());
  out.push_back(std::make_unique<TokenListCommand>());
  out.push_back(std::make_unique<TokenDeleteCommand>());
  return out;
}

}  // namespace MultiFlexi
