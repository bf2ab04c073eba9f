// The probe module's one exported function.
#include "Part.h"

#include <cstring>

extern "C" __attribute__((visibility("default"))) int probe_entry() {
  return probePart() + static_cast<int>(std::strlen(probePartVersion()));
}
