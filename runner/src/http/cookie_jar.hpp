// Cookies a provider session has been given, sent back to the hosts and paths they belong to
// (RFC 6265, without public-suffix rules: a jar serves one provider profile). Not thread-safe:
// its PocoHttpClient takes the jar under its own lock.
#pragma once

#include <Poco/URI.h>

#include <optional>
#include <string>
#include <vector>

namespace apirunner {

class CookieJar {
  public:
    // Stores every Set-Cookie value of a response from `origin`; Max-Age=0 deletes.
    void store(const Poco::URI& origin, const std::vector<std::string>& set_cookie_values);
    // "a=1; b=2" for a request to `target`, leaving out names the request already carries.
    std::string header_for(const Poco::URI& target,
                           const std::string& existing_cookie_header) const;
    std::optional<std::string> value(const Poco::URI& target, const std::string& name) const;

  private:
    struct Cookie {
        std::string name;
        std::string value;
        std::string domain;
        std::string path;
        bool host_only;
        bool secure;
    };
    bool matches(const Cookie& cookie, const Poco::URI& target) const;

    std::vector<Cookie> m_cookies;
};

}  // namespace apirunner
