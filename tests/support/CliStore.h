// The real multiflexi binary on a private data directory, as the daemon
// tests drive it: plain runs, JSON answers (the test fails on a non-zero
// exit, showing stderr). Header-only: MFX_BINARY comes from mfx_add_test.
#pragma once

#include "ChildProcess.h"
#include "Fixtures.h"
#include "TempDir.h"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace MultiFlexi::Testing {

struct CliStore {
  TempDir data;
  std::map<std::string, std::string> env{{"MULTIFLEXI_CYCLE_PAUSE", "60"},
                                         {"MULTIFLEXI_APP_SCHEMA", applicationSchema()},
                                         {"MULTIFLEXI_LISTEN", "off"}};  // `up` serves no API (tests run side by side)

  /// `args` with --data-dir after the command.
  std::vector<std::string> withData(std::vector<std::string> args) const {
    args.insert(args.begin() + 1, {"--data-dir", data.path().string()});
    return args;
  }
  ProcessResult cli(const std::vector<std::string>& args) const { return run(MFX_BINARY, withData(args), env); }
  nlohmann::json json(std::vector<std::string> args) const {
    args.insert(args.end(), {"-f", "json"});
    const ProcessResult r = cli(args);
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, args.front() << " failed: " << r.err);
    return nlohmann::json::parse(r.out);
  }
};

}  // namespace MultiFlexi::Testing
