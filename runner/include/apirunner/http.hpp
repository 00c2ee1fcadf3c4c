// HTTP as the host offers it to plugins: plain standard types, no Poco in the ABI.
#pragma once

#include <boost/config.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace apirunner {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    HeaderList headers;
    std::string body;

    void set_header(const std::string& name, const std::string& value);
};

struct HttpResponse {
    int status = 0;
    std::string reason;
    HeaderList headers;
    std::string body;
    std::string url;  // after redirects

    // First header of that name (case-insensitive), if any.
    std::optional<std::string> header(const std::string& name) const;
};

// Owned by the host, one per provider profile: keep-alive connections, TLS verification,
// redirects (cookies kept across them), a cookie jar and redaction of secrets in logs.
// send() returns any HTTP status; it throws Error(unavailable) only when no response came.
// Thread-safe: a job with `paging.concurrency` sends several pages at once through one client,
// and a plugin's own requests (a token refresh) may come from any of those threads; each
// connection carries one exchange at a time.
class BOOST_SYMBOL_VISIBLE HttpClient {
  public:
    virtual ~HttpClient();
    virtual HttpResponse send(const HttpRequest& request) = 0;
    // The value of a cookie the jar holds for that URL, if any.
    virtual std::optional<std::string> cookie(const std::string& url, const std::string& name) = 0;
};

}  // namespace apirunner
