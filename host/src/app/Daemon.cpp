#include "app/Daemon.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Util/Application.h>

#include <string>
#include <thread>

namespace MultiFlexi {

namespace {

Poco::Logger& logger() { return Poco::Logger::get("multiflexi.daemon"); }

std::string describe(const std::exception_ptr& failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const Poco::Exception& e) {
    return e.displayText();
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown exception";
  }
}

}  // namespace

Daemon::Daemon() {
  _signals.onStop([this](int signal) {
    Poco::Logger::get("multiflexi").notice("signal %d: stopping", signal);
    stop();
  });
}

Daemon::~Daemon() { uninitialize(); }

void Daemon::add(Poco::AutoPtr<DaemonSubsystem> subsystem) { _subsystems.push_back(std::move(subsystem)); }

void Daemon::initialize(Poco::Util::Application& app) {
  for (auto& subsystem : _subsystems) {
    logger().debug("initializing %s", std::string(subsystem->name()));
    try {
      subsystem->initialize(app);
    } catch (...) {
      logger().debug("%s did not start: %s", std::string(subsystem->name()), describe(std::current_exception()));
      uninitialize();
      throw;
    }
    std::lock_guard<std::mutex> lock(_mutex);
    ++_initialized;
    if (_stopRequested) subsystem->stop();
  }
}

void Daemon::stop() {
  std::lock_guard<std::mutex> lock(_mutex);
  _stopRequested = true;
  for (std::size_t i = 0; i < _initialized; ++i) _subsystems[i]->stop();
}

void Daemon::keepFailure(std::exception_ptr failure) {
  std::lock_guard<std::mutex> lock(_mutex);
  if (!_failure) _failure = std::move(failure);
}

bool Daemon::failed() {
  std::lock_guard<std::mutex> lock(_mutex);
  return _failure != nullptr;
}

void Daemon::runLoop(DaemonSubsystem& subsystem, bool once, bool ownThread) {
  try {
    subsystem.run(once);
  } catch (...) {
    // On the caller's thread the exception reaches the command, which says
    // it; from another thread it is said now, as the others drain first.
    if (ownThread)
      logger().error("%s failed: %s; stopping", std::string(subsystem.name()), describe(std::current_exception()));
    keepFailure(std::current_exception());
    stop();
    return;
  }
  if (!once) stop();  // one loop ending ends the daemon
}

void Daemon::run(bool once) {
  if (once) {
    for (auto& subsystem : _subsystems) {
      if (failed()) break;
      runLoop(*subsystem, true, false);
    }
  } else if (!_subsystems.empty()) {
    std::vector<std::thread> threads;
    try {
      for (std::size_t i = 0; i + 1 < _subsystems.size(); ++i)
        threads.emplace_back([this, subsystem = _subsystems[i].get()] { runLoop(*subsystem, false, true); });
    } catch (...) {  // no thread for the next one: stop those started
      keepFailure(std::current_exception());
      stop();
    }
    if (!failed()) runLoop(*_subsystems.back(), false, false);
    for (auto it = threads.rbegin(); it != threads.rend(); ++it) it->join();
  }
  uninitialize();
  if (failed()) std::rethrow_exception(_failure);
}

void Daemon::uninitialize() {
  for (;;) {
    DaemonSubsystem* subsystem = nullptr;
    {
      std::lock_guard<std::mutex> lock(_mutex);
      if (_initialized == 0) return;
      subsystem = _subsystems[--_initialized].get();
    }
    logger().debug("uninitializing %s", std::string(subsystem->name()));
    subsystem->uninitialize();
  }
}

}  // namespace MultiFlexi
