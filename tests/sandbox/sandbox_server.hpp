// The sandbox's HTTP server: 127.0.0.1 only, each request routed by path prefix to the
// simulator that plays that provider.
#pragma once

#include "provider_simulator.hpp"

#include <Poco/Net/HTTPServer.h>
#include <Poco/ThreadPool.h>

#include <memory>
#include <vector>

namespace sandbox {

class SandboxServer {
  public:
    SandboxServer(const SandboxOptions& options,
                  std::vector<std::unique_ptr<ProviderSimulator>> simulators);
    ~SandboxServer();
    int port() const;

  private:
    std::vector<std::unique_ptr<ProviderSimulator>> m_simulators;
    std::unique_ptr<FaultInjector> m_faults;
    // A kept-alive connection holds a thread between its requests: room for a client's
    // concurrency (up to 32) and then some.
    Poco::ThreadPool m_threads{2, 64};
    std::unique_ptr<Poco::Net::HTTPServer> m_server;
};

}  // namespace sandbox
