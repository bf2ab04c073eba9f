// The probe's plugin core: uses the shared part (its header through the
// helper's include directory) and the version macro.
#pragma once

int probePart();
const char* probePartVersion();
