// API tokens (table api_tokens), kept only as the hash of their value (see
// crypto/ApiTokenSecret.h). Listings never return the hash.
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

class TokenRepository {
 public:
  explicit TokenRepository(Database& database) : _db(database) {}

  /// Inserts a token of `userId` stored as `tokenHash`; returns it.
  ApiToken create(int64_t userId, const std::string& name, const std::string& tokenHash,
                  std::optional<Instant> expiresAt);
  std::optional<ApiToken> findByHash(const std::string& tokenHash);
  std::optional<ApiToken> findById(int64_t id);
  /// Every token, or those of one user, by id.
  std::vector<ApiToken> list(std::optional<int64_t> userId, int64_t limit, int64_t offset);
  /// Marks the token revoked at `at`; false when it was unknown or already revoked.
  bool revoke(int64_t id, Instant at);
  /// Records a use at `at`.
  void touch(int64_t id, Instant at);

 private:
  Database& _db;
};

}  // namespace MultiFlexi
