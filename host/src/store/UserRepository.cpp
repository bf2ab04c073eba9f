#include "store/UserRepository.h"

#include "common/Exceptions.h"
#include "store/Sql.h"
#include "store/Transaction.h"

namespace MultiFlexi {

using Sql::value;

namespace {

User readUser(const Poco::Data::RecordSet& rs, std::size_t row) {
  using namespace Sql;
  User u;
  u.id = integer(rs, "id", row);
  u.login = text(rs, "login", row);
  u.email = optText(rs, "email", row);
  u.firstname = optText(rs, "firstname", row);
  u.lastname = optText(rs, "lastname", row);
  u.enabled = boolean(rs, "enabled", row);
  u.admin = boolean(rs, "admin", row);
  u.createdAt = integer(rs, "created_at", row);
  u.updatedAt = integer(rs, "updated_at", row);
  return u;
}

CompanyMembership readMembership(const Poco::Data::RecordSet& rs, std::size_t row) {
  CompanyMembership m;
  m.companyId = Sql::integer(rs, "company_id", row);
  m.userId = Sql::integer(rs, "user_id", row);
  m.role = roleNamed(Sql::text(rs, "role", row)).value_or(CompanyRole::Viewer);  // CHECK allows no other
  m.createdAt = Sql::integer(rs, "created_at", row);
  return m;
}

constexpr const char* kUserColumns =
    "id, login, email, firstname, lastname, enabled, admin, created_at, updated_at";

int64_t enabledAdmins(Poco::Data::Session& s) {
  return Sql::scalar(s, "SELECT COUNT(*) FROM users WHERE enabled = 1 AND admin = 1");
}

/// Refuses a change that took away the last enabled admin (`before`: their count before it).
void requireAnAdminLeft(Poco::Data::Session& s, int64_t before) {
  if (before > 0 && enabledAdmins(s) == 0)
    throw ConflictException("admin", "this is the last enabled admin: make another user admin first");
}

void checkLoginFree(Poco::Data::Session& s, const User& user) {
  // The answer names nothing of the other user.
  if (Sql::scalar(s, "SELECT COUNT(*) FROM users WHERE login = ? AND id <> ?", {value(user.login), value(user.id)}) > 0)
    throw ConflictException("login", "'" + user.login + "' is already taken");
}

}  // namespace

int64_t UserRepository::create(const User& user, const std::optional<std::string>& passwordHash) {
  return inTransaction(_db, [&](Poco::Data::Session& s) {
    checkLoginFree(s, user);
    const Instant now = nowMs();
    return Sql::insert(s,
                       "INSERT INTO users (login, email, firstname, lastname, enabled, admin, password_hash, "
                       "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                       {value(user.login), value(user.email), value(user.firstname), value(user.lastname),
                        value(user.enabled), value(user.admin), value(passwordHash), value(now), value(now)});
  });
}

void UserRepository::update(const User& user) {
  inTransaction(_db, [&](Poco::Data::Session& s) {
    checkLoginFree(s, user);
    const int64_t admins = enabledAdmins(s);
    const std::size_t changed = Sql::execute(
        s,
        "UPDATE users SET login = ?, email = ?, firstname = ?, lastname = ?, enabled = ?, admin = ?, "
        "updated_at = ? WHERE id = ?",
        {value(user.login), value(user.email), value(user.firstname), value(user.lastname), value(user.enabled),
         value(user.admin), value(nowMs()), value(user.id)});
    if (changed == 0) throw NotFoundException("no user with id " + std::to_string(user.id));
    requireAnAdminLeft(s, admins);
  });
}

void UserRepository::setPasswordHash(int64_t id, const std::string& passwordHash) {
  inTransaction(_db, [&](Poco::Data::Session& s) {
    Sql::execute(s, "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
                 {value(passwordHash), value(nowMs()), value(id)});
  });
}

std::optional<User> UserRepository::findById(int64_t id) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?", {value(id)});
  if (rs.rowCount() == 0) return std::nullopt;
  return readUser(rs, 0);
}

std::optional<User> UserRepository::findByLogin(const std::string& login) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, std::string("SELECT ") + kUserColumns + " FROM users WHERE login = ?", {value(login)});
  if (rs.rowCount() == 0) return std::nullopt;
  return readUser(rs, 0);
}

std::optional<UserCredentials> UserRepository::credentialsOf(const std::string& login) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, std::string("SELECT ") + kUserColumns + ", password_hash FROM users WHERE login = ?",
                       {value(login)});
  if (rs.rowCount() == 0) return std::nullopt;
  return UserCredentials{readUser(rs, 0), Sql::optText(rs, "password_hash", 0)};
}

std::vector<User> UserRepository::list(int64_t limit, int64_t offset) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, std::string("SELECT ") + kUserColumns + " FROM users ORDER BY id LIMIT ? OFFSET ?",
                       {value(limit), value(offset)});
  std::vector<User> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) out.push_back(readUser(rs, r));
  return out;
}

void UserRepository::remove(int64_t id) {
  inTransaction(_db, [&](Poco::Data::Session& s) {
    const int64_t admins = enabledAdmins(s);
    if (Sql::execute(s, "DELETE FROM users WHERE id = ?", {value(id)}) == 0)
      throw NotFoundException("no user with id " + std::to_string(id));
    requireAnAdminLeft(s, admins);  // company_users and api_tokens go by ON DELETE CASCADE
  });
}

CompanyMembership UserRepository::assign(int64_t companyId, int64_t userId, CompanyRole role) {
  return inTransaction(_db, [&](Poco::Data::Session& s) {
    if (Sql::scalar(s, "SELECT COUNT(*) FROM company WHERE id = ?", {value(companyId)}) == 0)
      throw NotFoundException("company", "no company with id " + std::to_string(companyId));
    if (Sql::scalar(s, "SELECT COUNT(*) FROM users WHERE id = ?", {value(userId)}) == 0)
      throw NotFoundException("user", "no user with id " + std::to_string(userId));
    const Instant now = nowMs();
    if (Sql::execute(s, "UPDATE company_users SET role = ? WHERE company_id = ? AND user_id = ?",
                     {value(std::string(roleName(role))), value(companyId), value(userId)}) == 0)
      Sql::insert(s,
                  "INSERT INTO company_users (company_id, user_id, role, created_at) VALUES (?, ?, ?, ?) "
                  "RETURNING id",
                  {value(companyId), value(userId), value(std::string(roleName(role))), value(now)});
    auto rs = Sql::query(s, "SELECT * FROM company_users WHERE company_id = ? AND user_id = ?",
                         {value(companyId), value(userId)});
    return readMembership(rs, 0);
  });
}

bool UserRepository::unassign(int64_t companyId, int64_t userId) {
  return inTransaction(_db, [&](Poco::Data::Session& s) {
    return Sql::execute(s, "DELETE FROM company_users WHERE company_id = ? AND user_id = ?",
                        {value(companyId), value(userId)}) > 0;
  });
}

std::vector<CompanyMembership> UserRepository::membershipsOf(int64_t userId) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, "SELECT * FROM company_users WHERE user_id = ? ORDER BY company_id", {value(userId)});
  std::vector<CompanyMembership> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) out.push_back(readMembership(rs, r));
  return out;
}

std::vector<CompanyMembership> UserRepository::membersOf(int64_t companyId, int64_t limit, int64_t offset) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, "SELECT * FROM company_users WHERE company_id = ? ORDER BY user_id LIMIT ? OFFSET ?",
                       {value(companyId), value(limit), value(offset)});
  std::vector<CompanyMembership> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) out.push_back(readMembership(rs, r));
  return out;
}

}  // namespace MultiFlexi
