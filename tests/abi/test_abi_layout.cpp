// Pins the ABI 1.0 layout: sizes and offsets on LP64 Linux, and equality of
// every 1.0 member between the frozen header and the current one.
#define BOOST_TEST_MODULE abi_layout
#include <boost/test/unit_test.hpp>

#include <multiflexi/mfx_plugin.h>

#include <cstddef>
#include <cstring>
#include <string>

extern "C" {
struct mfx_layout_entry {
  const char* name;
  size_t value;
};
extern const mfx_layout_entry mfx_layout_current[];
extern const size_t mfx_layout_current_count;
extern const mfx_layout_entry mfx_layout_v1_0[];
extern const size_t mfx_layout_v1_0_count;
}

static_assert(sizeof(void*) == 8, "the pinned layout below is the LP64 one");
// Frozen structs: embedded by value or used in arrays, never to change.
static_assert(sizeof(mfx_str) == 16);
static_assert(sizeof(mfx_scope) == 16);
static_assert(sizeof(mfx_kv) == 40 && offsetof(mfx_kv, flags) == 32);
static_assert(sizeof(mfx_abi_stamp) == 24 && offsetof(mfx_abi_stamp, plugin_id) == 8);
// 1.0 tables: members may only be appended after these.
static_assert(offsetof(mfx_host_api, log_enabled) == 8);
static_assert(offsetof(mfx_host_api, secret_get) == 64 && sizeof(mfx_host_api) == 72);
static_assert(offsetof(mfx_job_spec, scope) == 8 && offsetof(mfx_job_spec, options_json) == 104);
static_assert(sizeof(mfx_job_spec) == 120);
static_assert(offsetof(mfx_exit_info, message) == 16 && sizeof(mfx_exit_info) == 32);
static_assert(offsetof(mfx_job_events, finished) == 32 && sizeof(mfx_job_events) == 40);
static_assert(offsetof(mfx_executor, start) == 48 && MFX_EXECUTOR_SIZE_1_0 == 80);
static_assert(offsetof(mfx_credential_type, resolve) == 56 && MFX_CREDENTIAL_TYPE_SIZE_1_0 == 72);
static_assert(offsetof(mfx_job_event, attributes_json) == 88 && sizeof(mfx_job_event) == 104);
static_assert(offsetof(mfx_monitor, on_event) == 40 && MFX_MONITOR_SIZE_1_0 == 64);
// Result and outcome codes are public values.
static_assert(MFX_OK == 0 && MFX_E_INVALID == -1 && MFX_E_INTERNAL == -6);
static_assert(MFX_EXIT_EXITED == 1 && MFX_EXIT_LOST == 6);
static_assert(MFX_ABI_MAGIC == 0x5058464Du && MFX_ABI_MAJOR == 1);

BOOST_AUTO_TEST_CASE(frozen_and_current_headers_agree_on_every_1_0_member) {
  BOOST_REQUIRE_GT(mfx_layout_v1_0_count, 80u);
  BOOST_REQUIRE_EQUAL(mfx_layout_current_count, mfx_layout_v1_0_count);
  for (size_t i = 0; i < mfx_layout_v1_0_count; ++i) {
    BOOST_TEST_CONTEXT(mfx_layout_v1_0[i].name) {
      BOOST_TEST(std::string(mfx_layout_current[i].name) == mfx_layout_v1_0[i].name);
      BOOST_TEST(mfx_layout_current[i].value == mfx_layout_v1_0[i].value);
    }
  }
}

BOOST_AUTO_TEST_CASE(stamp_magic_spells_mfxp) {
  const uint32_t magic = MFX_ABI_MAGIC;
  char bytes[4];
  std::memcpy(bytes, &magic, 4);  // little-endian, as on every supported target
  BOOST_TEST(std::string(bytes, 4) == "MFXP");
}

BOOST_AUTO_TEST_CASE(has_macro_tells_members_by_struct_size) {
  mfx_host_api api{};
  api.struct_size = offsetof(mfx_host_api, config_get);  // a table that stops before config_get
  BOOST_TEST(MFX_HAS(&api, mfx_host_api, register_monitor));
  BOOST_TEST(!MFX_HAS(&api, mfx_host_api, config_get));
  BOOST_TEST(!MFX_HAS(&api, mfx_host_api, secret_get));
}
