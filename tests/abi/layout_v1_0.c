/* Layout of the frozen 1.0 header (built with sdk/abi/v1.0 first on the path). */
#include <multiflexi/mfx_plugin.h>
#define MFX_LAYOUT_NAME mfx_layout_v1_0
#define MFX_LAYOUT_COUNT mfx_layout_v1_0_count
#include "layout_table.h"
