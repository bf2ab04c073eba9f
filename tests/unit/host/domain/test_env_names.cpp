// The one rule for environment names, and loader/shell variables refused
// unless allowed.
#include <boost/test/unit_test.hpp>

#include "common/Exceptions.h"
#include "domain/Company.h"
#include "domain/EnvNames.h"
#include "domain/RunTemplate.h"

using namespace MultiFlexi;

namespace {
std::string why(const std::string& name, const EnvNamePolicy& policy = EnvNamePolicy()) {
  return policy.problem(name).value_or("(accepted)");
}
}  // namespace

BOOST_AUTO_TEST_SUITE(env_names)

BOOST_AUTO_TEST_CASE(names_are_portable_shell_names) {
  for (const char* good : {"PATH", "ABRAFLEXI_URL", "http_proxy", "_X", "A1"}) BOOST_TEST(why(good) == "(accepted)");
  BOOST_TEST(why(std::string("PATH\0junk", 9)) == "'PATH\\x00junk' is not a variable name ([A-Za-z_][A-Za-z0-9_]*)");
  BOOST_TEST(why("A=B") == "'A=B' is not a variable name ([A-Za-z_][A-Za-z0-9_]*)");
  BOOST_TEST(why("1FOO").find("is not a variable name") != std::string::npos);
  BOOST_TEST(why("").find("is not a variable name") != std::string::npos);
  BOOST_TEST(why("A B").find("is not a variable name") != std::string::npos);
  BOOST_TEST(why("\x1b[2J").find("'\\x1b[2J'") == 0);  // escaped, never raw
  BOOST_TEST(why("NAÏVE").find("is not a variable name") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(loader_and_shell_variables_are_refused_unless_allowed) {
  for (const char* risky : {"LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "LD_DEBUG_OUTPUT", "GLIBC_TUNABLES",
                            "BASH_ENV", "ENV", "IFS", "PS4", "SHELLOPTS", "PYTHONSTARTUP", "PERL5OPT", "NODE_OPTIONS",
                            "PHPRC"}) {
    BOOST_TEST_CONTEXT(risky) {
      BOOST_TEST(EnvNamePolicy::isLoaderOrShell(risky));
      BOOST_TEST(why(risky).find("refused unless MULTIFLEXI_ALLOWED_ENV names it") != std::string::npos);
    }
  }
  const EnvNamePolicy allowing({"LD_LIBRARY_PATH"});
  BOOST_TEST(why("LD_LIBRARY_PATH", allowing) == "(accepted)");
  BOOST_TEST(why("LD_PRELOAD", allowing) != "(accepted)");
  for (const char* plain : {"PATH", "HOME", "LANG", "OLD_VALUE", "ENVIRONMENT", "BASH"})
    BOOST_TEST_CONTEXT(plain) { BOOST_TEST(why(plain) == "(accepted)"); }
}

BOOST_AUTO_TEST_CASE(require_names_the_field) {
  BOOST_CHECK_EXCEPTION(EnvNamePolicy().require("env", "LD_PRELOAD"), ValidationException,
                        [](const ValidationException& e) { return e.message().find("env: 'LD_PRELOAD' changes") == 0; });
}

BOOST_AUTO_TEST_CASE(a_launch_is_refused_for_the_first_bad_name) {
  const std::map<std::string, std::string> env{{"A", "1"}, {"LD_PRELOAD", "/tmp/x.so"}, {"PATH", "/bin"}};
  const auto refusal = EnvNamePolicy().launchRefusal(env);
  BOOST_REQUIRE(refusal.has_value());
  BOOST_TEST(refusal->find("environment variable 'LD_PRELOAD' changes how programs are loaded") == 0);
  BOOST_TEST(!EnvNamePolicy({"LD_PRELOAD"}).launchRefusal(env).has_value());
  BOOST_TEST(EnvNamePolicy().launchRefusal(std::map<std::string, std::string>{{std::string("PATH\0junk", 9), "x"}}).has_value());
}

BOOST_AUTO_TEST_CASE(companies_and_templates_apply_the_policy) {
  Company c;
  c.name = "Acme";
  c.slug = "acme";
  c.environment["LD_PRELOAD"] = "/tmp/evil.so";
  BOOST_CHECK_EXCEPTION(validateCompany(c), ValidationException,
                        [](const ValidationException& e) { return e.message().find("env: 'LD_PRELOAD'") == 0; });
  BOOST_CHECK_NO_THROW(validateCompany(c, EnvNamePolicy({"LD_PRELOAD"})));

  RunTemplate t;
  t.name = "t";
  t.interval = 'n';
  t.executor = "native";
  t.config["BASH_ENV"] = "/tmp/rc";
  BOOST_CHECK_EXCEPTION(validateRunTemplate(t), ValidationException,
                        [](const ValidationException& e) { return e.message().find("config: 'BASH_ENV'") == 0; });
  BOOST_CHECK_NO_THROW(validateRunTemplate(t, EnvNamePolicy({"BASH_ENV"})));
}

BOOST_AUTO_TEST_SUITE_END()
