// Runs a program for a test and captures its stdout and stderr (read on
// threads, so neither pipe can fill up and block the child).
#pragma once

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace MultiFlexi::Testing {

struct ProcessResult {
  int exitCode = -1;
  std::string out;
  std::string err;
};

class ChildProcess {
 public:
  /// Starts `program args` in `cwd` (empty: ours) with `env` added to ours.
  ChildProcess(const std::string& program, const std::vector<std::string>& args,
               const std::map<std::string, std::string>& env = {}, const std::string& cwd = {});
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  /// Waits until stdout contains `text`; false after `timeout`.
  bool waitForOutput(const std::string& text, std::chrono::milliseconds timeout);
  void signal(int sig) const;
  /// Waits for the exit and collects everything.
  ProcessResult wait();

 private:
  void pump(Poco::Pipe& pipe, std::string& into);

  Poco::Pipe _outPipe;
  Poco::Pipe _errPipe;
  Poco::ProcessHandle _handle;
  std::mutex _mutex;
  std::condition_variable _changed;
  std::string _out;
  std::string _err;
  std::thread _outReader;
  std::thread _errReader;
  bool _waited = false;
};

/// Runs to completion.
ProcessResult run(const std::string& program, const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env = {}, const std::string& cwd = {});

}  // namespace MultiFlexi::Testing
