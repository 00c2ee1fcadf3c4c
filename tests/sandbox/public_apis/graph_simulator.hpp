// Microsoft Graph's user list, as documented at https://learn.microsoft.com/graph/paging and
// https://learn.microsoft.com/graph/api/user-list: GET /v1.0/users with a Bearer token from the
// Microsoft identity platform's client credentials flow (POST /{tenant}/oauth2/v2.0/token,
// client_id and client_secret in the form, scope https://graph.microsoft.com/.default; an answer
// of token_type, expires_in, ext_expires_in, access_token). `$top` is 1..999 (default 100); the
// records are in `value`; every page but the last has "@odata.nextLink", an absolute URL with an
// opaque $skiptoken that is to be followed as it is, and the last page leaves it out. Errors are
// {"error":{"code","message","innerError"}} (https://learn.microsoft.com/graph/errors).
// The delta query, as documented at https://learn.microsoft.com/graph/delta-query-users and
// https://learn.microsoft.com/graph/delta-query-overview: GET /v1.0/users/delta lists every
// user in pages (100 here) joined by "@odata.nextLink" ($skiptoken), and the last page carries
// instead "@odata.deltaLink" ($deltatoken): followed later, it lists the users changed since,
// and ends with a new deltaLink. A fresh walk's first page is empty, with a nextLink, as the
// overview warns can happen. A token the sandbox did not make is 400
// Directory_ExpiredPageToken. POST /graph/_sandbox/changes?updated=K&added=N (the sandbox's own)
// edits K users and adds N.
#pragma once

#include "../change_stream.hpp"
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
    bool serves_data(const std::string& path) const override {
        return path == "/v1.0/users" || path == "/v1.0/users/delta";
    }

  private:
    void token(Exchange& exchange);
    void users(Exchange& exchange);
    void delta(Exchange& exchange);
    void change(Exchange& exchange);
    bool authorized(Exchange& exchange);  // answers 401 when not

    const SandboxOptions& m_options;
    Dataset m_dataset{m_options};
    TokenRegistry m_access_tokens;
    ChangeStream m_stream{m_options, 0};
};

}  // namespace sandbox
