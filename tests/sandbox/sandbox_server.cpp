#include "sandbox_server.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/URI.h>

#include <mutex>
#include <thread>

namespace sandbox {
namespace {

class RouteHandler : public Poco::Net::HTTPRequestHandler {
public:
    RouteHandler(const std::vector<std::unique_ptr<ProviderSimulator>>& simulators,
                 std::chrono::milliseconds latency)
        : m_simulators(simulators), m_latency(latency) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        std::this_thread::sleep_for(m_latency);
        const std::string path = Poco::URI(request.getURI()).getPath();
        ProviderSimulator* best = nullptr;
        std::string best_prefix;
        for (const auto& simulator : m_simulators) {
            for (const auto& prefix : simulator->prefixes()) {
                const bool matches = path.compare(0, prefix.size(), prefix) == 0 &&
                                     (path.size() == prefix.size() || path[prefix.size()] == '/');
                if (matches && prefix.size() > best_prefix.size()) {
                    best = simulator.get();
                    best_prefix = prefix;
                }
            }
        }
        Exchange exchange(request, response, path.substr(best_prefix.size()));
        if (!best) {
            exchange.json_text(404, R"({"error":"no simulated provider at this path"})");
            return;
        }
        best->handle(best_prefix, exchange);
    }

private:
    const std::vector<std::unique_ptr<ProviderSimulator>>& m_simulators;
    std::chrono::milliseconds m_latency;
};

class RouteFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    RouteFactory(const std::vector<std::unique_ptr<ProviderSimulator>>& simulators,
                 std::chrono::milliseconds latency)
        : m_simulators(simulators), m_latency(latency) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new RouteHandler(m_simulators, m_latency);
    }

private:
    const std::vector<std::unique_ptr<ProviderSimulator>>& m_simulators;
    std::chrono::milliseconds m_latency;
};

}  // namespace

void log_event(const std::string& provider, const std::string& event) {
    static std::mutex mutex;
    std::lock_guard<std::mutex> lock(mutex);
    std::cerr << "sandbox " << provider << ": " << event << "\n" << std::flush;
}

SandboxServer::SandboxServer(const SandboxOptions& options,
                             std::vector<std::unique_ptr<ProviderSimulator>> simulators)
    : m_simulators(std::move(simulators)) {
    // Loopback only, always: the sandbox serves fake credentials.
    Poco::Net::ServerSocket socket(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(options.port)));
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(8);
    params->setKeepAlive(true);
    m_server = std::make_unique<Poco::Net::HTTPServer>(new RouteFactory(m_simulators, options.latency),
                                                       socket, params);
    m_server->start();
}

SandboxServer::~SandboxServer() { m_server->stopAll(true); }

int SandboxServer::port() const { return m_server->port(); }

}  // namespace sandbox
