// The host's HttpClient on Poco: kept-alive connections per origin (as many as threads send at
// once, for a job's `concurrency`), a total deadline per exchange,
// redirects followed by hand (cookies kept, credentials never sent to another host), one resend
// when a kept-alive connection turns out dead. It does not retry on status codes: the caller
// does, re-authenticating each attempt.
#pragma once

#include "http/cookie_jar.hpp"

#include <apirunner/host.hpp>
#include <apirunner/http.hpp>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/URI.h>

#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace apirunner {

struct HttpOptions {
    int connect_timeout_ms = 10'000;
    int read_timeout_ms = 30'000;
    int exchange_deadline_ms = 120'000;  // whole exchange, however slowly the bytes trickle
    int max_redirects = 5;
    std::size_t max_body_bytes = 64u << 20;  // a page is held and parsed whole: this bounds memory
    bool allow_cross_host_redirects =
        false;  // to another origin, without credentials (redirect.hpp)
};

// Throws Error(config) for a URL apirunner must not call: not http(s), or http:// to a host
// that is not loopback.
void check_url_allowed(const Poco::URI& uri);

class PocoHttpClient : public HttpClient {
  public:
    PocoHttpClient(HttpOptions options, Logger& logger);
    ~PocoHttpClient() override;

    HttpResponse send(const HttpRequest& request) override;
    std::optional<std::string> cookie(const std::string& url, const std::string& name) override;

  private:
    using Connection = std::unique_ptr<Poco::Net::HTTPClientSession>;

    HttpResponse exchange_once(const HttpRequest& request, const Poco::URI& uri, bool with_cookies,
                               Poco::Net::HTTPClientSession& session);
    // `with_cookies`: the hop is on the origin the request was made for (the jar's cookies go).
    HttpResponse exchange(const HttpRequest& request, const Poco::URI& uri, bool with_cookies);
    // An idle connection to the URI's origin, or a new one (always new when `fresh`).
    Connection take_connection(const Poco::URI& uri, bool fresh);
    void give_back(const Poco::URI& uri, Connection connection);
    std::string read_body(std::istream& in, Poco::Net::HTTPClientSession& session,
                          std::int64_t declared_length, std::int64_t deadline_ms);

    HttpOptions m_options;
    Logger& m_logger;
    std::mutex m_mutex;  // guards the jar and the idle connections
    CookieJar m_jar;
    std::map<std::string, std::vector<Connection>> m_idle;
};

}  // namespace apirunner
