// GET /metrics on 127.0.0.1: the daemon's RunMetrics for Prometheus to scrape. Loopback only;
// put a proxy in front to expose it.
#pragma once

#include "metrics/run_metrics.hpp"

#include <Poco/Net/HTTPServer.h>

#include <memory>

namespace apirunner {

class MetricsServer {
  public:
    // Listens at once; port 0 takes any free port. Throws Error(config) when it cannot listen.
    MetricsServer(const RunMetrics& metrics, int port);
    ~MetricsServer();
    int port() const { return m_port; }

  private:
    std::unique_ptr<Poco::Net::HTTPServer> m_server;
    int m_port = 0;
};

}  // namespace apirunner
