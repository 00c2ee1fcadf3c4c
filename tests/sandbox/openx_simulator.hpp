// OpenX as its document describes programmatic authentication: an OAuth 1.0a request token with
// the `oob` callback (signature, timestamp and nonce checked), /login/process taking email,
// password and oauth_token and answering with a 302 that sets a cookie the next hop needs, the
// verifier from that hop, the access token, which the API wants in the openx3_access_token
// cookie; sessions end after --session-ttl (two hours by default) or at DELETE /session.
// Data: /ox/4.0/account, offset-paged, with the total as a string as OX4 sends it.
#pragma once

#include "dataset.hpp"
#include "provider_simulator.hpp"
#include "token_registry.hpp"

#include <map>
#include <mutex>
#include <set>

namespace sandbox {

class OpenXSimulator : public ProviderSimulator {
  public:
    static constexpr const char* k_consumer_key = "ox-sandbox-consumer";
    static constexpr const char* k_consumer_secret = "SENTINEL-ox-consumer-secret";
    static constexpr const char* k_email = "openx@example.com";
    static constexpr const char* k_password = "SENTINEL-ox-password";

    explicit OpenXSimulator(const SandboxOptions& options);
    std::vector<std::string> prefixes() const override { return {"/openx-sso", "/openx"}; }
    void handle(const std::string& prefix, Exchange& exchange) override;
    bool serves_data(const std::string& path) const override { return path == "/ox/4.0/account"; }

  private:
    struct RequestToken {
        std::string secret;
        std::string verifier;  // set once the user logged in
    };

    // Checks the OAuth 1.0a signature; answers 401 with an oauth_problem and returns false.
    bool verify(Exchange& exchange, const std::string& token_secret,
                std::map<std::string, std::string>& oauth);
    void initiate(Exchange& exchange);
    void login_process(Exchange& exchange);
    void login_complete(Exchange& exchange);
    void access_token(Exchange& exchange);
    void accounts(Exchange& exchange);
    void logout(Exchange& exchange);

    const SandboxOptions& m_options;
    Dataset m_dataset{m_options};
    std::mutex m_mutex;
    std::map<std::string, RequestToken> m_request_tokens;
    std::map<std::string, std::string> m_access_secrets;
    std::set<std::string> m_nonces;
    TokenRegistry m_login_cookies;
    TokenRegistry m_sessions;  // access tokens, as the openx3_access_token cookie
};

}  // namespace sandbox
