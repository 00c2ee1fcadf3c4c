// Microsoft Graph's user list, as documented at https://learn.microsoft.com/graph/paging and
// https://learn.microsoft.com/graph/api/user-list: GET /v1.0/users with a Bearer token from the
// Microsoft identity platform's client credentials flow (POST /{tenant}/oauth2/v2.0/token,
// client_id and client_secret in the form, scope https://graph.microsoft.com/.default; an answer
// of token_type, expires_in, ext_expires_in, access_token). `$top` is 1..999 (default 100); the
// records are in `value`; every page but the last has "@odata.nextLink", an absolute URL with an
// opaque $skiptoken that is to be followed as it is, and the last page leaves it out. Errors are
// {"error":{"code","message","innerError"}} (https://learn.microsoft.com/graph/errors).
#pragma once

#include "../dataset.hpp"
#include "../provider_simulator.hpp"
#include "../token_registry.hpp"

namespace sandbox {

class GraphSimulator : public ProviderSimulator {
  public:
    static constexpr const char* k_tenant = "contoso.onmicrosoft.test";
    static constexpr const char* k_client_id = "graph-client";
    static constexpr const char* k_client_secret = "SENTINEL-graph-client-secret";
    static constexpr const char* k_scope = "https://graph.microsoft.com/.default";

    explicit GraphSimulator(const SandboxOptions& options) : m_options(options) {}
    // The API under /graph, the identity platform under /graph-login.
    std::vector<std::string> prefixes() const override { return {"/graph-login", "/graph"}; }
    void handle(const std::string& prefix, Exchange& exchange) override;
    bool serves_data(const std::string& path) const override { return path == "/v1.0/users"; }

  private:
    void token(Exchange& exchange);
    void users(Exchange& exchange);

    const SandboxOptions& m_options;
    Dataset m_dataset{m_options};
    TokenRegistry m_access_tokens;
};

}  // namespace sandbox
