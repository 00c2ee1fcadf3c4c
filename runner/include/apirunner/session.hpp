// An authenticated conversation with one provider, made by a plugin's factory.
#pragma once

#include <apirunner/http.hpp>
#include <boost/config.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace apirunner {

// Not thread-safe: the host serialises calls on one session. Every method may throw Error.
class BOOST_SYMBOL_VISIBLE Session {
  public:
    virtual ~Session();

    // Logs in with the configured grant. Called once before the first request.
    virtual void open() = 0;
    // Milliseconds until keep_alive() must run (0: now), or nothing if the session never expires.
    virtual std::optional<std::int64_t> keep_alive_in_ms() = 0;
    // Refreshes the token, re-logs in or pings, whatever this provider needs.
    virtual void keep_alive() = 0;
    // Adds the credentials (headers, cookies) to an API request.
    virtual void stamp(HttpRequest& request) = 0;
    // Called after the API answered 401 to a stamped request: refresh, else log in again, else
    // throw Error(credentials) saying what the operator must do.
    virtual void recover(const HttpResponse& refused) = 0;
    // Logs out where the provider has a logout. Never throws.
    virtual void close() noexcept = 0;

    // What is known of the session, as name/value pairs safe to print (never a token): its
    // lifetime, and what the provider's introspection endpoint says where it has one.
    virtual std::vector<std::pair<std::string, std::string>> inspect();

    // Authorization-code grant: the URL to open in a browser, and the code exchange.
    // Providers without that grant keep these defaults, which throw Error(config).
    virtual std::string authorize_url(const std::string& redirect_uri, const std::string& state,
                                      const std::string& code_challenge);
    virtual void exchange_code(const std::string& code, const std::string& redirect_uri,
                               const std::string& code_verifier);
};

}  // namespace apirunner
