#include "api/ErrorKinds.h"

#include "common/Exceptions.h"

namespace MultiFlexi {

namespace {

template <class E>
bool is(const std::exception& e) {
  return dynamic_cast<const E*>(&e) != nullptr;
}

constexpr ErrorKind kUsage{"usage", 64, 400, false};
constexpr ErrorKind kValidation{"validation", 1, 400, false};
constexpr ErrorKind kNotFound{"not_found", 1, 404, false};
constexpr ErrorKind kConflict{"conflict", 1, 409, false};
constexpr ErrorKind kUnauthorized{"unauthorized", 77, 401, false};
constexpr ErrorKind kForbidden{"forbidden", 77, 403, false};
constexpr ErrorKind kUnknownComponent{"unknown_component", 1, 400, false};
constexpr ErrorKind kPlugin{"plugin", 1, 502, false};
constexpr ErrorKind kStoreUnavailable{"store_unavailable", 1, 503, false};
constexpr ErrorKind kStore{"store", 1, 500, false};
constexpr ErrorKind kConfiguration{"configuration", 1, 500, false};
constexpr ErrorKind kEncryptionKey{"encryption_key", 1, 500, false};
constexpr ErrorKind kCrypto{"sealed_value", 1, 500, false};
constexpr ErrorKind kOther{"error", 1, 500, false};
constexpr ErrorKind kInternal{"internal", 70, 500, true};

}  // namespace

const ErrorKind& errorKindOf(const std::exception& e) {
  // Most derived first: the order of the hierarchy in common/Exceptions.h.
  if (is<UsageException>(e)) return kUsage;
  if (is<NotFoundException>(e)) return kNotFound;
  if (is<ConflictException>(e)) return kConflict;
  if (is<ForbiddenException>(e)) return kForbidden;
  if (is<FieldException>(e)) return kValidation;
  if (is<UnauthorizedException>(e)) return kUnauthorized;
  if (is<UnknownComponentException>(e)) return kUnknownComponent;
  if (is<PluginException>(e)) return kPlugin;
  if (is<StoreUnavailableException>(e)) return kStoreUnavailable;
  if (is<StoreException>(e)) return kStore;
  if (is<ConfigurationException>(e)) return kConfiguration;
  if (is<EncryptionKeyException>(e)) return kEncryptionKey;
  if (is<CryptoException>(e)) return kCrypto;
  if (is<MultiFlexiException>(e)) return kOther;
  return kInternal;
}

}  // namespace MultiFlexi
