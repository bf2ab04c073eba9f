// Settings: defaults an operator can rely on, and values named when bad.
#define BOOST_TEST_MODULE app
#include <boost/test/unit_test.hpp>

#include "app/Settings.h"
#include "common/Exceptions.h"

#include <Poco/AutoPtr.h>
#include <Poco/Util/MapConfiguration.h>

using namespace MultiFlexi;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(settings)

BOOST_AUTO_TEST_CASE(a_job_may_not_run_forever_by_default) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> config(new Poco::Util::MapConfiguration);
  BOOST_TEST(Settings(*config).jobTimeout().count() == std::chrono::milliseconds(24h).count());
  config->setString("multiflexi.jobTimeout", "0");  // an operator may lift it
  BOOST_TEST(Settings(*config).jobTimeout().count() == 0);
  config->setString("multiflexi.jobTimeout", "forever");
  BOOST_CHECK_EXCEPTION(Settings(*config).jobTimeout(), ConfigurationException, [](const ConfigurationException& e) {
    return e.message().find("MULTIFLEXI_JOB_TIMEOUT") != std::string::npos;
  });
}

BOOST_AUTO_TEST_SUITE_END()
