// One part of a daemon (the scheduler, the executor; later the HTTP server
// and the monitors) as a Poco::Util::Subsystem, driven by Daemon:
// initialize() builds the part's service from the application's
// configuration, run() is its loop, stop() asks the loop to return, and
// uninitialize() destroys the service.
//
// Daemon calls initialize, run and uninitialize from one thread at a time,
// never run before initialize or after uninitialize. stop() may come from
// any thread while the part is initialized, before run(), during it or
// after it returned, and more than once.
#pragma once

#include <Poco/Util/Subsystem.h>

namespace MultiFlexi {

class Daemon;

class DaemonSubsystem : public Poco::Util::Subsystem {
 public:
  /// The loop, on the calling thread, until stop(); with `once`, one pass.
  /// Throws what the service throws (the daemon then stops).
  virtual void run(bool once) = 0;
  /// Asks run() to return; any thread.
  virtual void stop() = 0;

 protected:
  ~DaemonSubsystem() override = default;

  friend class Daemon;
};

}  // namespace MultiFlexi
