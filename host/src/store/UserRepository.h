// Users and their roles per company (tables users, company_users). The
// password hash is written and read only through its own calls, never as
// part of a User. Checks that need the table as a whole (a login in use,
// the last enabled admin) run inside the write transaction, so two
// concurrent changes cannot both pass them.
//
// Threads: any; each call takes its own connection from the pool.
#pragma once

#include "domain/User.h"
#include "store/Database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

/// A user with the hash their password is checked against.
struct UserCredentials {
  User user;
  std::optional<std::string> passwordHash;
};

class UserRepository {
 public:
  explicit UserRepository(Database& database) : _db(database) {}

  /// Inserts; returns the new id. ConflictException("login") when taken.
  int64_t create(const User& user, const std::optional<std::string>& passwordHash);
  /// Saves every field but the password. NotFoundException for an unknown
  /// id; ConflictException when no enabled admin would be left.
  void update(const User& user);
  void setPasswordHash(int64_t id, const std::string& passwordHash);
  std::optional<User> findById(int64_t id);
  std::optional<User> findByLogin(const std::string& login);
  std::optional<UserCredentials> credentialsOf(const std::string& login);
  std::vector<User> list(int64_t limit, int64_t offset);
  /// Deletes the user with its roles and tokens. NotFoundException for an
  /// unknown id; ConflictException when it is the last enabled admin.
  void remove(int64_t id);

  /// Sets the user's role in the company (replacing one held before).
  CompanyMembership assign(int64_t companyId, int64_t userId, CompanyRole role);
  /// Whether the user held a role there.
  bool unassign(int64_t companyId, int64_t userId);
  std::vector<CompanyMembership> membershipsOf(int64_t userId);
  std::vector<CompanyMembership> membersOf(int64_t companyId, int64_t limit, int64_t offset);

 private:
  Database& _db;
};

}  // namespace MultiFlexi
