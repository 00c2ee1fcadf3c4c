// Airtable's record list, as documented at
// https://airtable.com/developers/web/api/list-records and
// https://airtable.com/developers/web/api/rate-limits: GET /v0/{baseId}/{tableIdOrName} with a
// personal access token as a Bearer, `pageSize` (at most 100) and `offset` (the last page's
// `offset`, an opaque string); the answer is {"records":[{"id","createdTime","fields"}],
// "offset":"itr.../rec..."} with no offset on the last page. A base takes 5 requests a second;
// past that Airtable answers 429 without Retry-After and asks clients to wait 30 seconds. A
// wrong token is 401 {"error":{"type":"AUTHENTICATION_REQUIRED",...}}.
#pragma once

#include "../dataset.hpp"
#include "../provider_simulator.hpp"
#include "../request_window.hpp"

namespace sandbox {

class AirtableSimulator : public ProviderSimulator {
  public:
    static constexpr const char* k_token = "patSENTINEL.airtable-personal-access-token";
    static constexpr const char* k_table = "/v0/appX1y2Z3a4B5c6D7/Tasks";

    explicit AirtableSimulator(const SandboxOptions& options) : m_options(options) {}
    std::vector<std::string> prefixes() const override { return {"/airtable"}; }
    void handle(const std::string& prefix, Exchange& exchange) override;
    bool serves_data(const std::string& path) const override { return path == k_table; }

  private:
    void records(Exchange& exchange);

    const SandboxOptions& m_options;
    Dataset m_dataset{m_options};
    RequestWindow m_window;  // 5 a second
};

}  // namespace sandbox
