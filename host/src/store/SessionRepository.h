// Console sessions (table sessions), kept only as the hash of their cookie
// value (crypto/RandomText.h); the CSRF token is stored as it is. A user's
// sessions go with the user (ON DELETE CASCADE).
//
// Threads: any; each call takes its own connection from the pool.
#pragma once

#include "domain/User.h"
#include "store/Database.h"

#include <cstdint>
#include <optional>
#include <string>

namespace MultiFlexi {

class SessionRepository {
 public:
  explicit SessionRepository(Database& database) : _db(database) {}

  /// Inserts a session of `userId` stored as `sessionHash`, seen at `now`; returns it.
  LoginSession create(int64_t userId, const std::string& sessionHash, const std::string& csrfToken, Instant now,
                      Instant expiresAt);
  std::optional<LoginSession> findByHash(const std::string& sessionHash);
  std::optional<LoginSession> findById(int64_t id);
  /// Records a use at `at`.
  void touch(int64_t id, Instant at);
  /// Deletes one session; false when there was none.
  bool remove(int64_t id);
  /// Deletes every session of the user; returns how many.
  std::size_t removeOfUser(int64_t userId);
  /// Deletes the sessions expired at `now`: past their absolute expiry, or
  /// last seen at or before `idleSince`; returns how many.
  std::size_t removeExpired(Instant now, Instant idleSince);

 private:
  Database& _db;
};

}  // namespace MultiFlexi
