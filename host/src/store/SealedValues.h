// Name/value rows of one owner where secret values are sealed: run-template
// configuration, credential-type settings and credential values share it.
// A row with a non-NULL key_version holds "mf:v1:<version>:..." sealed for
// (kind, tenant, owner, name).
#pragma once

#include "store/Database.h"

#include <Poco/Data/Session.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace MultiFlexi {

/// Where one kind of owned values lives.
struct ValueTable {
  const char* table;        ///< "credential_value"
  const char* ownerColumn;  ///< "credential_id"
  const char* nameColumn;   ///< "keyword"
  const char* kind;         ///< the SealContext kind: "credential"
};

extern const ValueTable kCredentialValues;
extern const ValueTable kCredentialTypeSettings;
extern const ValueTable kRunTemplateConfig;

struct OwnedValues {
  std::map<std::string, std::string> values;  ///< opened
  std::set<std::string> secret;               ///< names stored sealed
};

/// Which of `values` (environment variables of application `appId`) are
/// secret: those its manifest marks so, and for names it does not define,
/// those whose name says so (isSecretField).
std::set<std::string> secretEnvironmentNames(Poco::Data::Session& session, int64_t appId,
                                             const std::map<std::string, std::string>& values);

/// Replaces the owner's rows with `values`, sealing those named in `secret`
/// with the database's key ring (needed only when there are secrets).
/// A name the owner has stored sealed stays sealed while it is kept, even
/// when `secret` no longer names it: a later change (another application,
/// a re-imported manifest or prototype) never writes a once-secret value in
/// clear. Removing the name and setting it again is the way to clear it.
void saveOwnedValues(Poco::Data::Session& session, Database& database, const ValueTable& table, int64_t tenant,
                     int64_t owner, const std::map<std::string, std::string>& values,
                     const std::set<std::string>& secret);

/// The owner's rows, secret ones opened. Throws CryptoException naming the
/// owner and field when a sealed value does not open.
OwnedValues loadOwnedValues(Poco::Data::Session& session, Database& database, const ValueTable& table, int64_t tenant,
                            int64_t owner);

}  // namespace MultiFlexi
