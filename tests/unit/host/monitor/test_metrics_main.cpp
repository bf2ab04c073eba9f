// The module of the metrics tests (test_metrics_*.cpp).
#define BOOST_TEST_MODULE metrics
#include <boost/test/unit_test.hpp>
