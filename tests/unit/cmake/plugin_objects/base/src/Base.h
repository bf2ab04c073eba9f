// The probe's shared part: a function that must stay hidden in the module.
#pragma once

int probeBase();
