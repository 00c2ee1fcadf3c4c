// MediaHound as its document describes it: /1.3/security/oauth/token takes the password and
// refresh grants as a form body with HTTP Basic client authentication (a request without it is
// refused), scopes are '+'-delimited on the wire (form-encoded spaces), an application not
// approved for the password grant gets invalid_client "Unauthorized grant type: password", and
// the refresh token stays valid across refreshes. Data: /1.3/media/movies, cursor-paged.
#pragma once

#include "dataset.hpp"
#include "provider_simulator.hpp"
#include "token_registry.hpp"

namespace sandbox {

class MediaHoundSimulator : public ProviderSimulator {
  public:
    static constexpr const char* k_username = "hound@example.com";
    static constexpr const char* k_password = "SENTINEL-mh-password";
    static constexpr const char* k_client_id = "mh-sandbox-client";
    static constexpr const char* k_client_secret = "SENTINEL-mh-client-secret";
    // An application MediaHound has not approved for the password grant.
    static constexpr const char* k_unapproved_id = "mh-unapproved-client";
    static constexpr const char* k_unapproved_secret = "SENTINEL-mh-unapproved-secret";

    explicit MediaHoundSimulator(const SandboxOptions& options);
    std::vector<std::string> prefixes() const override { return {"/mediahound"}; }
    void handle(const std::string& prefix, Exchange& exchange) override;
    bool serves_data(const std::string& path) const override { return path == "/1.3/media/movies"; }

  private:
    void token(Exchange& exchange);
    void movies(Exchange& exchange);

    const SandboxOptions& m_options;
    Dataset m_dataset{m_options};
    TokenRegistry m_access_tokens;
    TokenRegistry m_refresh_tokens;
};

}  // namespace sandbox
