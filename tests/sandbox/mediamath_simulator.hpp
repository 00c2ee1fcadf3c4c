// MediaMath as its document describes it: an Auth0-style token endpoint (password grant with a
// JSON body and audience, refresh tokens for offline_access), /api/v2.0/session that turns a
// Bearer token into the adama_session cookie, and /api/v3.0/organizations, offset-paged, which
// refuses a call that lacks either the Bearer token or the cookie.
#pragma once

#include "authorization_codes.hpp"
#include "dataset.hpp"
#include "provider_simulator.hpp"
#include "token_registry.hpp"

namespace sandbox {

class MediaMathSimulator : public ProviderSimulator {
  public:
    // The one account the sandbox knows. Secrets start with SENTINEL- so tests can grep for them.
    static constexpr const char* k_username = "operator@example.com";
    static constexpr const char* k_password = "SENTINEL-mm-password";
    static constexpr const char* k_client_id = "mm-sandbox-client";
    static constexpr const char* k_client_secret = "SENTINEL-mm-client-secret";
    static constexpr const char* k_audience = "https://api.mediamath.com/";

    explicit MediaMathSimulator(const SandboxOptions& options);
    std::vector<std::string> prefixes() const override { return {"/mediamath-auth", "/mediamath"}; }
    void handle(const std::string& prefix, Exchange& exchange) override;
    bool serves_data(const std::string& path) const override {
        return path == "/api/v3.0/organizations";
    }

  private:
    void token(Exchange& exchange);
    void password_grant(Exchange& exchange);
    void refresh_grant(Exchange& exchange);
    void code_grant(Exchange& exchange);
    void issue_tokens(Exchange& exchange, const std::string& subject, bool with_refresh);
    void session(Exchange& exchange);
    void organizations(Exchange& exchange);
    void unauthorized(Exchange& exchange, const std::string& why);

    const SandboxOptions& m_options;
    Dataset m_dataset{m_options};
    TokenRegistry m_access_tokens;
    TokenRegistry m_refresh_tokens;
    TokenRegistry m_sessions;
    AuthorizationCodes m_codes;
};

}  // namespace sandbox
