// A plain REST API of the kind the generic plugins serve: an OAuth 2.0 token endpoint
// (client_credentials with an audience, password, refresh_token; client authentication by Basic
// or in the body; form or JSON bodies) and /v1/items, which takes any of a Bearer token from
// that endpoint, the static token, Basic credentials, or the API key in a header or the query.
// Items page by a next URL in the body (links.next), or by the page number in the path
// (/v1/items/page/N, as APIs that page by path do), the page size in `per_page` either way.
// /v1/events is a report endpoint of the kind that wants a range: one event an hour (--records
// of them, the last an hour before the sandbox started), `start_date` and `end_date` (YYYY-MM-DD,
// the end exclusive) both required and at most 7 days apart, else 400; page numbers, `total`.
// /v1/events/recent lists them newest first with no filter at all.
#pragma once

#include "dataset.hpp"
#include "provider_simulator.hpp"
#include "token_registry.hpp"

namespace sandbox {

class GenericSimulator : public ProviderSimulator {
  public:
    static constexpr const char* k_client_id = "generic-client";
    static constexpr const char* k_client_secret = "SENTINEL-generic-client-secret";
    static constexpr const char* k_audience = "https://generic.example/api";
    static constexpr const char* k_username = "generic-user";
    static constexpr const char* k_password = "SENTINEL-generic-password";
    static constexpr const char* k_static_token = "SENTINEL-generic-static-token";
    static constexpr const char* k_api_key = "SENTINEL-generic-api-key";
    // A refresh token handed out long ago (a consent screen's), for the refresh_token grant.
    // Refreshing answers no new refresh token, as Google's token endpoint does.
    static constexpr const char* k_long_lived_refresh_token = "SENTINEL-generic-long-refresh-token";
    static constexpr const char* k_items_by_path = "/v1/items/page/";

    explicit GenericSimulator(const SandboxOptions& options);
    static constexpr std::int64_t k_events_apart_s = 3600;
    std::vector<std::string> prefixes() const override { return {"/generic"}; }
    void handle(const std::string& prefix, Exchange& exchange) override;
    bool serves_data(const std::string& path) const override { return path == "/v1/items"; }

  private:
    void token(Exchange& exchange);
    // How the request authenticated ("oauth2 bearer", "api key in the query", ...), or "".
    std::string authentication(Exchange& exchange);
    void items(Exchange& exchange, const std::string& page_text);
    void events(Exchange& exchange, bool newest_first);

    const SandboxOptions& m_options;
    Dataset m_dataset{m_options};
    TokenRegistry m_access_tokens;
    TokenRegistry m_refresh_tokens;
    const std::int64_t m_first_event;  // epoch seconds of event 0
};

}  // namespace sandbox
