#include "Base.h"

int probeBase() { return 40; }
