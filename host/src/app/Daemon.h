// A daemon process (`up`, `scheduler`, `executor`): its subsystems, started
// in the order added and stopped in reverse, and the one stop path — a stop
// signal (StopSignals: SIGTERM, SIGINT, SIGHUP) asks every subsystem to stop,
// logged as "signal N: stopping".
//
// Poco::Util::Application keeps subsystems too, but initializes them before
// the command line is read and does not undo a partial start; a command runs
// inside the application, so each daemon command composes its own, in the
// same order (initialize in order, uninitialize in reverse).
//
// Threads: in daemon mode each subsystem's loop but the last runs on a thread
// of its own, the last on the caller's (as `up` ran its executor before);
// stop() may be called from any thread. Ownership: the daemon holds a
// reference to each subsystem.
#pragma once

#include "app/DaemonSubsystem.h"
#include "app/StopSignals.h"

#include <Poco/AutoPtr.h>

#include <cstddef>
#include <exception>
#include <mutex>
#include <vector>

namespace Poco::Util {
class Application;
}

namespace MultiFlexi {

class Daemon {
 public:
  /// Blocks the stop signals and listens for them: create it before any
  /// thread starts (before the plugins are loaded).
  Daemon();
  /// Uninitializes, in reverse order, the subsystems still initialized (when
  /// run() was not reached or threw).
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  /// Adds a subsystem; before initialize().
  void add(Poco::AutoPtr<DaemonSubsystem> subsystem);
  /// Initializes the subsystems in the order added. When one throws, those
  /// already initialized are uninitialized in reverse order and the exception
  /// propagates (the caller reports it); the rest are never initialized.
  void initialize(Poco::Util::Application& app);
  /// Runs the loops until a stop signal or stop(), or until one loop returns
  /// on its own (an executor over its memory limit); then stops them all,
  /// waits for them and uninitializes them in reverse order. With `once`,
  /// each loop makes its pass in the order added, on the calling thread.
  /// Rethrows the first exception a loop threw, after all that.
  void run(bool once);
  /// Asks every subsystem to stop (what a stop signal does); any thread.
  /// A subsystem initialized later is stopped as soon as it is.
  void stop();

 private:
  /// Runs one loop; an exception is kept for run() to rethrow and stops the rest.
  void runLoop(DaemonSubsystem& subsystem, bool once, bool ownThread);
  void keepFailure(std::exception_ptr failure);
  bool failed();
  void uninitialize();

  std::vector<Poco::AutoPtr<DaemonSubsystem>> _subsystems;
  std::mutex _mutex;              // guards what follows
  std::size_t _initialized = 0;   // the first _initialized subsystems are
  bool _stopRequested = false;
  std::exception_ptr _failure;
  StopSignals _signals;           // last: its listener calls stop() until it is destroyed
};

}  // namespace MultiFlexi
