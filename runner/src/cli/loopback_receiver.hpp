// The redirect target of `apirunner login`: a one-request HTTP server on 127.0.0.1 that waits
// for the browser to arrive with ?code=...&state=... (RFC 8252 §7.3).
#pragma once

#include <Poco/Net/HTTPServer.h>

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace apirunner {

class LoopbackReceiver {
  public:
    // Listens on 127.0.0.1:port (0: any free port).
    explicit LoopbackReceiver(int port);
    ~LoopbackReceiver();

    std::string redirect_uri() const;
    // The query of the first request to /callback, or nothing after `timeout_s`.
    std::optional<std::map<std::string, std::string>> wait(int timeout_s);

    // Called by the server's handler.
    void deliver(std::map<std::string, std::string> query);

  private:
    std::unique_ptr<Poco::Net::HTTPServer> m_server;
    std::mutex m_mutex;
    std::condition_variable m_arrived;
    std::optional<std::map<std::string, std::string>> m_query;
};

// The query parameters of a URL (what a pasted redirect URL carries).
std::map<std::string, std::string> query_of(const std::string& url);

}  // namespace apirunner
