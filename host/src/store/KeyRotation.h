// Key rotation: a new data key becomes current, every sealed value is
// re-sealed with it in small transactions, then the old keys are destroyed.
// Killed midway it resumes where it stopped (the old keys stay "previous"
// until nothing refers to them); daemons keep running throughout, since
// they open values of any live version and seal with the current one.
#pragma once

#include "store/KeyRepository.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace MultiFlexi {

struct RotationReport {
  int version = 0;        ///< the current key version afterwards
  bool resumed = false;   ///< an interrupted rotation was continued
  std::map<std::string, int64_t> resealed;  ///< per kind of value
  std::vector<int> retired;                 ///< versions destroyed
};

/// Sealed values by kind and key version (encryption:status).
std::map<std::string, std::map<int, int64_t>> sealedCounts(Database& database);

/// Rotates (or resumes a rotation), re-sealing `batchSize` values per
/// transaction; `progress(kind, doneOfKind)` is called after each batch.
RotationReport rotateKeys(Database& database, std::size_t batchSize,
                          const std::function<void(const std::string&, int64_t)>& progress);

}  // namespace MultiFlexi
