// MediaValet as its document describes it: an OIDC token endpoint, /connect/token, taking the
// resource-owner password grant and the refresh grant (form body, client id and secret in it);
// scopes such as "openid offline_access api", an id_token for openid, a refresh token for
// offline_access; client_credentials is "coming soon" and refused. The API, behind Azure API
// Management as MediaValet's is, wants the subscription key header besides the Bearer token.
// Data: /assets, paged by the RFC 8288 Link header (rel="next").
#pragma once

#include "authorization_codes.hpp"
#include "dataset.hpp"
#include "provider_simulator.hpp"
#include "token_registry.hpp"

namespace sandbox {

class MediaValetSimulator : public ProviderSimulator {
  public:
    static constexpr const char* k_username = "valet@example.com";
    static constexpr const char* k_password = "SENTINEL-mv-password";
    static constexpr const char* k_client_id = "mv-sandbox-client";
    static constexpr const char* k_client_secret = "SENTINEL-mv-client-secret";
    static constexpr const char* k_subscription_key = "SENTINEL-mv-subscription-key";

    explicit MediaValetSimulator(const SandboxOptions& options);
    std::vector<std::string> prefixes() const override { return {"/mediavalet"}; }
    void handle(const std::string& prefix, Exchange& exchange) override;
    bool serves_data(const std::string& path) const override { return path == "/assets"; }

  private:
    void token(Exchange& exchange);
    void issue(Exchange& exchange, const std::string& subject, const std::string& scope);
    void assets(Exchange& exchange);

    const SandboxOptions& m_options;
    Dataset m_dataset{m_options};
    TokenRegistry m_access_tokens;
    TokenRegistry m_refresh_tokens;
    AuthorizationCodes m_codes;
};

}  // namespace sandbox
