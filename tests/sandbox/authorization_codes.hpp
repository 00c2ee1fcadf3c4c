// The authorization-code grant as the sandbox's providers play it for a browser (RFC 6749 §4.1
// with PKCE S256, required): a login page, its form, and a 302 back to the client's loopback
// redirect URI with the code and the state; codes are single-use and live a minute.
#pragma once

#include "exchange.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace sandbox {

struct Grantee {
    std::string subject;
    std::string scope;
};

class AuthorizationCodes {
  public:
    using CredentialsCheck =
        std::function<bool(const std::string& user, const std::string& password)>;

    // GET: the login page. POST (username, password; or deny=1): a 302 to the redirect URI with
    // ?code&state, or ?error=access_denied&state. A bad client or redirect URI is an error page,
    // never a redirect (§4.1.2.1).
    void authorize(Exchange& exchange, const std::string& provider, const std::string& client_id,
                   const CredentialsCheck& credentials_ok);
    // Who the code was issued to, when it was issued to this client for this redirect URI and
    // the verifier answers its challenge. The code is used up either way.
    std::optional<Grantee> redeem(const std::string& code, const std::string& client_id,
                                  const std::string& redirect_uri, const std::string& verifier);

  private:
    struct Issued {
        std::string client_id;
        std::string redirect_uri;
        std::string challenge;
        Grantee grantee;
        std::chrono::steady_clock::time_point expires;
    };
    std::mutex m_mutex;
    std::map<std::string, Issued> m_codes;
    unsigned long m_counter = 0;
};

}  // namespace sandbox
