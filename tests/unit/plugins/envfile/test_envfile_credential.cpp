#define BOOST_TEST_MODULE envfile credential type
#include <boost/test/unit_test.hpp>

#include "TempDir.h"

#include <multiflexi/mfx_testing.hpp>

#include <fstream>

using MultiFlexi::Testing::TempDir;

namespace {

struct Loaded {
  mfx::testing::FakeHost host;
  Loaded() { BOOST_REQUIRE_EQUAL(host.load(&mfx_plugin_init), MFX_OK); }
  mfx::testing::CredentialTypeProbe type() const { return host.credentialType("envfile"); }
};

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::trunc) << text; }

std::string config(const std::string& path, const std::string& secrets = "") {
  return "{\"ENV_FILE_PATH\":\"" + path + "\"" + (secrets.empty() ? "" : ",\"SECRETS\":\"" + secrets + "\"") + "}";
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_file_is_read_again_at_every_resolve) {
  Loaded p;
  TempDir dir;
  const std::string file = dir.file("bank.env");
  write(file, "# bank\nexport FIO_TOKEN='abc def'\nACCOUNT=\"12\\\"3\"\n\nEMPTY=\n");
  auto first = p.type().resolve(config(file));
  BOOST_REQUIRE_EQUAL(first.code, MFX_OK);
  BOOST_TEST(first.values.at("FIO_TOKEN") == "abc def");
  BOOST_TEST(first.values.at("ACCOUNT") == "12\"3");
  BOOST_TEST(first.values.at("EMPTY").empty());
  write(file, "FIO_TOKEN=rotated\n");
  auto second = p.type().resolve(config(file));
  BOOST_TEST(second.values.at("FIO_TOKEN") == "rotated");
  BOOST_TEST(second.values.count("ACCOUNT") == 0u);
}

BOOST_AUTO_TEST_CASE(secrets_follow_the_secrets_setting) {
  Loaded p;
  TempDir dir;
  write(dir.file("a.env"), "A=1\nB=2\n");
  BOOST_TEST(p.type().resolve(config(dir.file("a.env"), "all")).secretNames.size() == 2u);
  BOOST_TEST(p.type().resolve(config(dir.file("a.env"), "B")).secretNames == std::vector<std::string>{"B"});
  BOOST_TEST(p.type().resolve(config(dir.file("a.env"))).secretNames.empty());  // auto: the host decides by name
}

BOOST_AUTO_TEST_CASE(bad_settings_and_bad_files_name_the_problem) {
  Loaded p;
  TempDir dir;
  BOOST_TEST(p.type().validate("{}").value_or("").find("\"ENV_FILE_PATH\":\"is required\"") != std::string::npos);
  BOOST_TEST(p.type().validate(config("relative.env")).value_or("").find("absolute") != std::string::npos);
  BOOST_TEST(!p.type().validate(config(dir.file("later.env"))));  // may appear later
  auto missing = p.type().resolve(config(dir.file("missing.env")));
  BOOST_TEST(missing.code == MFX_E_UNAVAILABLE);
  BOOST_TEST(missing.message.find("missing.env") != std::string::npos);
  write(dir.file("bad.env"), "OK=1\nthis is not a variable TOKEN=hunter2\n");
  auto bad = p.type().resolve(config(dir.file("bad.env")));
  BOOST_TEST(bad.code == MFX_E_INVALID);
  BOOST_TEST(bad.message.find("line 2") != std::string::npos, bad.message);
  BOOST_TEST(bad.message.find("hunter2") == std::string::npos);  // never a value
}
