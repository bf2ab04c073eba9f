#include "ChildProcess.h"

#include <signal.h>

namespace MultiFlexi::Testing {

ChildProcess::ChildProcess(const std::string& program, const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& env, const std::string& cwd)
    : _handle(Poco::Process::launch(program, args, cwd, nullptr, &_outPipe, &_errPipe,
                                    Poco::Process::Env(env.begin(), env.end()))) {
  _outReader = std::thread([this] { pump(_outPipe, _out); });
  _errReader = std::thread([this] { pump(_errPipe, _err); });
}

ChildProcess::~ChildProcess() {
  if (!_waited) {
    signal(SIGKILL);
    wait();
  }
}

void ChildProcess::pump(Poco::Pipe& pipe, std::string& into) {
  char buffer[4096];
  for (;;) {
    const int n = pipe.readBytes(buffer, sizeof buffer);
    if (n <= 0) break;
    std::lock_guard<std::mutex> lock(_mutex);
    into.append(buffer, static_cast<std::size_t>(n));
    _changed.notify_all();
  }
  pipe.close(Poco::Pipe::CLOSE_READ);
}

bool ChildProcess::waitForOutput(const std::string& text, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(_mutex);
  return _changed.wait_for(lock, timeout, [&] { return _out.find(text) != std::string::npos; });
}

void ChildProcess::signal(int sig) const { ::kill(_handle.id(), sig); }

ProcessResult ChildProcess::wait() {
  ProcessResult result;
  result.exitCode = _handle.wait();
  _waited = true;
  _outReader.join();
  _errReader.join();
  result.out = _out;
  result.err = _err;
  return result;
}

ProcessResult run(const std::string& program, const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env, const std::string& cwd) {
  ChildProcess child(program, args, env, cwd);
  return child.wait();
}

}  // namespace MultiFlexi::Testing
