// The mfx_host_api table the host hands to every plugin.
#pragma once

#include <multiflexi/mfx_plugin.h>

namespace MultiFlexi {

/// The host's services table (ABI 1.0). Valid for the life of the process.
/// Registration functions honour mfx_host_ctx::initializing; config_get reads
/// plugins.<plugin_id>.<key>; secret_get answers MFX_E_UNAVAILABLE until a
/// secret store is attached (credentials arrive with the credential store).
const mfx_host_api* hostApi();

}  // namespace MultiFlexi
