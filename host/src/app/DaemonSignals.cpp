#include "app/DaemonSignals.h"

#include <pthread.h>
#include <time.h>

namespace MultiFlexi {

DaemonSignals::DaemonSignals() {
  sigemptyset(&_set);
  sigaddset(&_set, SIGTERM);
  sigaddset(&_set, SIGINT);
  sigaddset(&_set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &_set, &_previous);
}

DaemonSignals::~DaemonSignals() {
  _done = true;
  if (_listener.joinable()) _listener.join();
  pthread_sigmask(SIG_SETMASK, &_previous, nullptr);
}

void DaemonSignals::onStop(std::function<void(int)> stop) {
  _listener = std::thread([this, stop = std::move(stop)] {
    const timespec poll{0, 200'000'000};
    while (!_done) {
      const int sig = sigtimedwait(&_set, nullptr, &poll);
      if (sig > 0) {
        stop(sig);
        return;
      }
    }
  });
}

}  // namespace MultiFlexi
