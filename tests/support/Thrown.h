// Catching the exception a test expects, to look at it.
#pragma once

#include <boost/test/unit_test.hpp>

#include <functional>
#include <stdexcept>

namespace MultiFlexi::Testing {

/// Runs `action`, which must throw E, and returns the exception.
template <class E>
E thrown(const std::function<void()>& action) {
  try {
    action();
  } catch (const E& e) {
    return e;
  }
  BOOST_FAIL("expected an exception, none was thrown");
  throw std::logic_error("unreachable");
}

}  // namespace MultiFlexi::Testing
