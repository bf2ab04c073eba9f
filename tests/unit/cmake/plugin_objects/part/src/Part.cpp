#include "Part.h"

#include "Base.h"

int probePart() { return probeBase() + 2; }

const char* probePartVersion() { return "probe-version=" PROBE_VERSION; }
