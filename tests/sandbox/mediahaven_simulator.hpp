// MediaHaven as its document describes it: the resource-owner password grant at
// /auth/ropc.php; /auth/oauth2/token for the refresh grant (and the code exchange); a refresh
// that rotates both tokens (the old access and refresh tokens die the moment the new pair is
// issued), and a 401 for a refresh token that is dead, after which the client must start over;
// 401 on the API for a wrong or expired token; token introspection at /auth/introspect.php with
// HTTP Basic client authentication. Data: /mediahaven-rest-api/v2/records, paged by page number.
#pragma once

#include "authorization_codes.hpp"
#include "dataset.hpp"
#include "provider_simulator.hpp"
#include "token_registry.hpp"

#include <map>
#include <mutex>

namespace sandbox {

class MediaHavenSimulator : public ProviderSimulator {
  public:
    static constexpr const char* k_username = "haven@example.com";
    static constexpr const char* k_password = "SENTINEL-mhv-password";
    static constexpr const char* k_client_id = "mhv-sandbox-client";
    static constexpr const char* k_client_secret = "SENTINEL-mhv-client-secret";

    explicit MediaHavenSimulator(const SandboxOptions& options);
    std::vector<std::string> prefixes() const override { return {"/mediahaven"}; }
    void handle(const std::string& prefix, Exchange& exchange) override;
    bool serves_data(const std::string& path) const override {
        return path == "/mediahaven-rest-api/v2/records";
    }

  private:
    bool client_ok(const std::string& id, const std::string& secret) const;
    void ropc(Exchange& exchange);
    void token(Exchange& exchange);
    void issue_pair(Exchange& exchange, const std::string& subject);
    void introspect(Exchange& exchange);
    void records(Exchange& exchange);

    const SandboxOptions& m_options;
    Dataset m_dataset{m_options};
    TokenRegistry m_access_tokens;
    TokenRegistry m_refresh_tokens;
    std::mutex m_pairs_mutex;
    std::map<std::string, std::string> m_access_of_refresh;  // to kill the old access token too
    AuthorizationCodes m_codes;
};

}  // namespace sandbox
