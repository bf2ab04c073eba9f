/* Layout of the current header. */
#include <multiflexi/mfx_plugin.h>
#define MFX_LAYOUT_NAME mfx_layout_current
#define MFX_LAYOUT_COUNT mfx_layout_current_count
#include "layout_table.h"
