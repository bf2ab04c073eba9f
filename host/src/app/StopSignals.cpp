#include "app/StopSignals.h"

#include <pthread.h>
#include <time.h>

namespace MultiFlexi {

StopSignals::StopSignals(std::initializer_list<int> signals) {
  sigemptyset(&_set);
  for (const int sig : signals) sigaddset(&_set, sig);
  pthread_sigmask(SIG_BLOCK, &_set, &_previous);
}

StopSignals::~StopSignals() {
  _done = true;
  if (_listener.joinable()) {
    _listener.join();
    // A signal that came after the listener's last look: the stop it asks
    // for is under way, it must not kill the process once unblocked.
    const timespec none{0, 0};
    while (sigtimedwait(&_set, nullptr, &none) > 0) {
    }
  }
  pthread_sigmask(SIG_SETMASK, &_previous, nullptr);
}

void StopSignals::onStop(std::function<void(int)> stop) {
  _listener = std::thread([this, stop = std::move(stop)] {
    const timespec poll{0, 200'000'000};
    bool stopped = false;
    while (!_done) {
      const int sig = sigtimedwait(&_set, nullptr, &poll);
      if (sig > 0 && !stopped) {
        stopped = true;
        stop(sig);
      }
    }
  });
}

}  // namespace MultiFlexi
