// HubSpot's CRM search, as documented at https://developers.hubspot.com/docs/api/crm/search:
// POST /crm/v3/objects/contacts/search with a private app's token as a Bearer; the JSON body
// holds filterGroups, sorts, properties, `limit` (at most 200) and `after` (the cursor, a string);
// the answer is {"total":N,"results":[...],"paging":{"next":{"after":"..."}}}, with no paging
// member on the last page. A search reaches at most 10,000 results. Past its per-second limit
// HubSpot answers 429 {"status":"error","errorType":"RATE_LIMIT",...}
// (https://developers.hubspot.com/docs/api/usage-details); a wrong token is 401
// {"status":"error","category":"INVALID_AUTHENTICATION",...}.
#pragma once

#include "../dataset.hpp"
#include "../provider_simulator.hpp"

namespace sandbox {

class HubSpotSimulator : public ProviderSimulator {
  public:
    static constexpr const char* k_token = "pat-na1-SENTINEL-hubspot-token";
    static constexpr std::int64_t k_search_cap = 10000;

    explicit HubSpotSimulator(const SandboxOptions& options) : m_options(options) {}
    std::vector<std::string> prefixes() const override { return {"/hubspot"}; }
    void handle(const std::string& prefix, Exchange& exchange) override;
    bool serves_data(const std::string& path) const override {
        return path == "/crm/v3/objects/contacts/search";
    }

  private:
    void search(Exchange& exchange);

    const SandboxOptions& m_options;
    Dataset m_dataset{m_options};
};

}  // namespace sandbox
