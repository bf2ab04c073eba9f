// Where a sealed value belongs. It becomes the AEAD's associated data, so a
// ciphertext copied to another tenant, record or field does not open.
#pragma once

#include <cstdint>
#include <string>

namespace MultiFlexi {

struct SealContext {
  SealContext(std::string kindIn, int64_t tenantIn, int64_t recordIn, std::string fieldIn)
      : kind(std::move(kindIn)), tenant(tenantIn), record(recordIn), field(std::move(fieldIn)) {}

  std::string kind;   ///< "credential", "credential_type", "runtemplate_config", "job_environment", "job_overrides",
                      ///< "job_artifact"
  int64_t tenant;     ///< the company the value belongs to
  int64_t record;     ///< id of the row that owns it (the job, for job_* kinds)
  std::string field;  ///< field or variable name

  /// "credential 7 (company 3) field FIO_TOKEN": for messages, never the value.
  std::string describe() const {
    return kind + " " + std::to_string(record) + " (company " + std::to_string(tenant) + ") field " + field;
  }
  /// The associated data for a value sealed with data key `version`.
  std::string associatedData(int version) const {
    std::string ad = "multiflexi";
    for (const std::string& part : {kind, std::to_string(tenant), std::to_string(record), field,
                                    "v" + std::to_string(version)}) {
      ad += '\0';
      ad += part;
    }
    return ad;
  }
};

/// A sealed value as stored: "mf:v1:<key version>:<base64(nonce || ciphertext)>".
struct SealedValue {
  std::string text;
  int version = 0;
};

}  // namespace MultiFlexi
