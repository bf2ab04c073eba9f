// The host services table seen from a plugin: registration only inside init,
// configuration lookup, secrets without a store, status handling.
#include <boost/test/unit_test.hpp>

#include "plugin/HostApi.h"
#include "plugin/HostContext.h"

#include <Poco/AutoPtr.h>
#include <Poco/Logger.h>
#include <Poco/Util/MapConfiguration.h>

using namespace MultiFlexi;

namespace {

mfx_rc noStart(void*, const mfx_job_spec*, const mfx_job_events*, void**, mfx_status*) {
  return MFX_E_UNSUPPORTED;
}
mfx_rc noCancel(void*, int64_t, mfx_status*) { return MFX_OK; }
void noDestroy(void*) {}

mfx_executor validExecutor(const char* id) {
  mfx_executor e{};
  e.struct_size = sizeof e;
  e.id = id;
  e.display_name = "Test";
  e.start = &noStart;
  e.cancel = &noCancel;
  e.destroy = &noDestroy;
  return e;
}

struct ContextFixture {
  Poco::AutoPtr<Poco::Util::MapConfiguration> config{new Poco::Util::MapConfiguration};
  mfx_host_ctx ctx{"org.example.test", Poco::Logger::get("plugin.org.example.test"), *config};
  const mfx_host_api* api = hostApi();

  void openRegistration() {
    std::lock_guard<std::mutex> lock(ctx.mutex);
    ctx.initializing = true;
    ctx.initThread = std::this_thread::get_id();
  }
};

void receive(void* user, mfx_str value) { static_cast<std::string*>(user)->assign(value.ptr, value.len); }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(host_api, ContextFixture)

BOOST_AUTO_TEST_CASE(describes_itself) {
  BOOST_TEST(api->struct_size == sizeof(mfx_host_api));
  BOOST_TEST(api->abi_major == MFX_ABI_MAJOR);
  BOOST_TEST(api->abi_minor == MFX_ABI_MINOR);
}

BOOST_AUTO_TEST_CASE(registration_after_init_is_denied) {
  const mfx_executor e = validExecutor("late");
  mfx_status status;
  BOOST_TEST(api->register_executor(&ctx, &e, sizeof e, &status) == MFX_E_DENIED);
  BOOST_TEST(status.message.find("outside mfx_plugin_init") != std::string::npos);
  BOOST_TEST(ctx.executors.empty());
  BOOST_TEST(ctx.registrationErrors.size() == 1u);
}

BOOST_AUTO_TEST_CASE(registration_during_init_is_copied_and_zero_extended) {
  openRegistration();
  mfx_executor e = validExecutor("early");
  mfx_status status;
  // A plugin compiled against the exact 1.0 layout.
  BOOST_TEST(api->register_executor(&ctx, &e, MFX_EXECUTOR_SIZE_1_0, &status) == MFX_OK);
  e.id = "changed-after-registration";
  BOOST_REQUIRE_EQUAL(ctx.executors.size(), 1u);
  BOOST_TEST(std::string(ctx.executors[0].id) == "early");
  BOOST_TEST(ctx.executors[0].struct_size == sizeof(mfx_executor));
}

BOOST_AUTO_TEST_CASE(a_table_smaller_than_1_0_is_refused) {
  openRegistration();
  const mfx_executor e = validExecutor("small");
  mfx_status status;
  BOOST_TEST(api->register_executor(&ctx, &e, MFX_EXECUTOR_SIZE_1_0 - 8, &status) == MFX_E_INVALID);
  BOOST_TEST(status.message.find("smaller than the ABI 1.0 layout") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_component_ids_are_refused) {
  openRegistration();
  mfx_status status;
  for (const char* id : {"", "Upper", "-dash-first", "white space"}) {
    const mfx_executor e = validExecutor(id);
    BOOST_TEST(api->register_executor(&ctx, &e, sizeof e, &status) == MFX_E_INVALID);
  }
  BOOST_TEST(ctx.executors.empty());
}

BOOST_AUTO_TEST_CASE(monitors_and_credential_types_are_checked_too) {
  openRegistration();
  mfx_status status;
  mfx_monitor m{};
  m.struct_size = sizeof m;
  m.id = "mon";
  m.display_name = "Monitor";
  m.on_event = [](void*, const mfx_job_event*) {};
  BOOST_TEST(api->register_monitor(&ctx, &m, sizeof m, &status) == MFX_E_INVALID);
  BOOST_TEST(status.message.find("event_mask is 0") != std::string::npos);
  m.event_mask = MFX_EV_BIT(MFX_EV_FINISHED);
  BOOST_TEST(api->register_monitor(&ctx, &m, sizeof m, &status) == MFX_OK);

  mfx_credential_type c{};
  c.struct_size = sizeof c;
  c.id = "cred";
  c.display_name = "Credential";
  c.validate = [](void*, mfx_str, mfx_status*) { return MFX_OK; };
  c.resolve = [](void*, const mfx_scope*, mfx_str, mfx_emit_fn, void*, mfx_status*) { return MFX_OK; };
  BOOST_TEST(api->register_credential_type(&ctx, &c, sizeof c, &status) == MFX_E_INVALID);
  BOOST_TEST(status.message.find("'schema_json' is NULL") != std::string::npos);
  c.schema_json = "{\"fields\":[]}";
  BOOST_TEST(api->register_credential_type(&ctx, &c, sizeof c, &status) == MFX_OK);
}

BOOST_AUTO_TEST_CASE(config_get_reads_the_plugins_own_namespace) {
  config->setString("plugins.org.example.test.socket", "/run/engine.sock");
  config->setString("plugins.org.example.other.socket", "/not/ours");
  std::string value;
  BOOST_TEST(api->config_get(&ctx, mfx_str{"socket", 6}, &receive, &value, nullptr) == MFX_OK);
  BOOST_TEST(value == "/run/engine.sock");
  BOOST_TEST(api->config_get(&ctx, mfx_str{"missing", 7}, &receive, &value, nullptr) == MFX_E_NOT_FOUND);
}

BOOST_AUTO_TEST_CASE(secret_get_without_a_store_is_unavailable_and_says_so) {
  const mfx_scope scope{1, 2};
  std::string value = "untouched";
  mfx_status status;
  BOOST_TEST(api->secret_get(&ctx, &scope, mfx_str{"TOKEN", 5}, &receive, &value, &status) ==
             MFX_E_UNAVAILABLE);
  BOOST_TEST(value == "untouched");
  BOOST_TEST(status.message.find("no secret store") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(status_set_copies_and_accepts_null) {
  mfx_status status;
  std::string message = "transient";
  api->status_set(&status, MFX_E_UNAVAILABLE, mfx_str{message.data(), message.size()});
  message = "changed";
  BOOST_TEST(status.code == MFX_E_UNAVAILABLE);
  BOOST_TEST(status.message == "transient");
  api->status_set(nullptr, MFX_E_INTERNAL, mfx_str{nullptr, 0});  // must not crash
}

BOOST_AUTO_TEST_CASE(log_enabled_follows_the_logger_level) {
  ctx.logger.setLevel(Poco::Message::PRIO_WARNING);
  BOOST_TEST(api->log_enabled(&ctx, MFX_LOG_ERROR) == 1);
  BOOST_TEST(api->log_enabled(&ctx, MFX_LOG_DEBUG) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
