#include "sandbox_server.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/URI.h>

#include <atomic>
#include <ctime>
#include <mutex>
#include <thread>

namespace sandbox {
namespace {

// Counts the requests being answered; each new highest count is logged ("server: 4 requests at
// once"), so a client's concurrency can be seen.
class InFlight {
  public:
    InFlight() {
        const int now = ++s_now;
        int most = s_most.load();
        while (now > most && !s_most.compare_exchange_weak(most, now)) {
        }
        if (now > most) {
            log_event("server", std::to_string(now) + " requests at once");
        }
    }
    ~InFlight() { --s_now; }

  private:
    static inline std::atomic<int> s_now{0};
    static inline std::atomic<int> s_most{0};
};

class RouteHandler : public Poco::Net::HTTPRequestHandler {
  public:
    RouteHandler(const std::vector<std::unique_ptr<ProviderSimulator>>& simulators,
                 std::chrono::milliseconds latency, FaultInjector& faults)
        : m_simulators(simulators), m_latency(latency), m_faults(faults) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        const InFlight in_flight;
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
        if (best->serves_data(exchange.path()) && inject(exchange, best_prefix)) {
            return;
        }
        best->handle(best_prefix, exchange);
    }

  private:
    // Answers with a fault and returns true, or arranges one for the simulator's answer.
    bool inject(Exchange& exchange, const std::string& prefix) {
        const auto fault = m_faults.next();
        if (!fault) {
            return false;
        }
        const std::string provider = prefix.substr(1);
        switch (*fault) {
            case Fault::unavailable:
                log_event(provider, "fault: 503");
                exchange.json_text(503, R"({"error":"service unavailable: an injected fault"})");
                return true;
            case Fault::rate_limited:
                log_event(provider, "fault: 429");
                exchange.header_out("Retry-After", "1");
                exchange.json_text(429, R"({"error":"rate limited: an injected fault"})");
                return true;
            case Fault::
                budget_spent:  // https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
                log_event(provider, "fault: 403, rate limit spent");
                exchange.header_out("X-RateLimit-Limit", std::to_string(m_faults.budget()));
                exchange.header_out("X-RateLimit-Remaining", "0");
                exchange.header_out("X-RateLimit-Reset", std::to_string(std::time(nullptr) + 1));
                exchange.json_text(403,
                                   R"({"message":"API rate limit exceeded: an injected fault"})");
                return true;
            case Fault::dropped:
                log_event(provider, "fault: connection dropped mid-body");
                break;
            case Fault::garbage:
                log_event(provider, "fault: broken JSON");
                break;
            case Fault::html:
                log_event(provider, "fault: an HTML page");
                exchange.text(200, "text/html",
                              "<!DOCTYPE html><html><body><h1>Please sign in</h1></body></html>");
                return true;
            case Fault::non_utf8:
                log_event(provider, "fault: bytes that are not UTF-8");
                break;
            case Fault::huge:
                log_event(provider, "fault: a body far too large");
                break;
            case Fault::array:
                log_event(provider, "fault: a JSON array where an object belongs");
                exchange.json_text(200, R"([{"id":1},{"id":2}])");
                return true;
            case Fault::no_id:
                log_event(provider, "fault: records without their id");
                break;
            case Fault::redirect_loop:
                log_event(provider, "fault: a redirect to itself");
                exchange.header_out("Location", exchange.raw_uri());
                exchange.json_text(302, R"({"error":"moved: an injected fault"})");
                return true;
            case Fault::redirect_away:
                log_event(provider, "fault: a redirect to " + m_faults.redirect_to());
                exchange.header_out("Location", m_faults.redirect_to());
                exchange.json_text(307, R"({"error":"moved: an injected fault"})");
                return true;
        }
        exchange.spoil(*fault);
        return false;
    }

    const std::vector<std::unique_ptr<ProviderSimulator>>& m_simulators;
    std::chrono::milliseconds m_latency;
    FaultInjector& m_faults;
};

class RouteFactory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    RouteFactory(const std::vector<std::unique_ptr<ProviderSimulator>>& simulators,
                 std::chrono::milliseconds latency, FaultInjector& faults)
        : m_simulators(simulators), m_latency(latency), m_faults(faults) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new RouteHandler(m_simulators, m_latency, m_faults);
    }

  private:
    const std::vector<std::unique_ptr<ProviderSimulator>>& m_simulators;
    std::chrono::milliseconds m_latency;
    FaultInjector& m_faults;
};

}  // namespace

void log_event(const std::string& provider, const std::string& event) {
    static std::mutex mutex;
    std::lock_guard<std::mutex> lock(mutex);
    std::cerr << "sandbox " << provider << ": " << event << "\n" << std::flush;
}

SandboxServer::SandboxServer(const SandboxOptions& options,
                             std::vector<std::unique_ptr<ProviderSimulator>> simulators)
    : m_simulators(std::move(simulators)),
      m_faults(std::make_unique<FaultInjector>(options.faults)) {
    // Loopback only, always: the sandbox serves fake credentials.
    Poco::Net::ServerSocket socket(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(options.port)));
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(64);
    params->setKeepAlive(true);
    m_server = std::make_unique<Poco::Net::HTTPServer>(
        new RouteFactory(m_simulators, options.latency, *m_faults), m_threads, socket, params);
    m_server->start();
}

SandboxServer::~SandboxServer() { m_server->stopAll(true); }

int SandboxServer::port() const { return m_server->port(); }

}  // namespace sandbox
