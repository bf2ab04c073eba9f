// The REST API server as a daemon subsystem: initialize() reads the HTTP
// settings (MULTIFLEXI_LISTEN, MULTIFLEXI_HTTP_*, MULTIFLEXI_TLS_*,
// API_RATE_LIMIT*, MULTIFLEXI_WEB_ROOT — see Settings) and starts listening; run() blocks until
// stop(), then drains: no new connections, requests in flight get
// MULTIFLEXI_SHUTDOWN_GRACE to finish, then every connection is closed.
// With `once` (MULTIFLEXI_DAEMONIZE=false) there is nothing to do: run()
// returns at once.
//
// Ownership: the catalog must outlive the subsystem. Threads: as
// DaemonSubsystem; handlers run on the server's own threads. Throws:
// initialize() throws ConfigurationException naming a setting that cannot be
// used (also an address that cannot be listened on).
#pragma once

#include "app/DaemonSubsystem.h"
#include "http/ApiServer.h"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace MultiFlexi {

class Settings;

class HttpSubsystem : public DaemonSubsystem {
 public:
  HttpSubsystem(Catalog& catalog, std::vector<ApiRoute> routes, Authenticator authenticate);

  const char* name() const override { return "http"; }
  /// The URL of the API base once initialized ("http://127.0.0.1:8420/api/…/").
  std::string baseUrl() const;

  void run(bool once) override;
  void stop() override;

 protected:
  ~HttpSubsystem() override;
  void initialize(Poco::Util::Application& app) override;
  void uninitialize() override;

 private:
  Catalog& _catalog;
  std::vector<ApiRoute> _routes;
  Authenticator _authenticate;
  std::chrono::milliseconds _grace{0};
  std::unique_ptr<ApiServer> _server;
  std::mutex _mutex;  // guards _stopRequested
  std::condition_variable _stopped;
  bool _stopRequested = false;
};

/// The server's options from the settings; throws ConfigurationException.
ApiServerOptions apiServerOptions(const Settings& settings, const Poco::Net::SocketAddress& address);

}  // namespace MultiFlexi
