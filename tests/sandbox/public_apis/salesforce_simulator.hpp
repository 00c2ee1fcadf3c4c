// Salesforce's SOQL query, as documented at
// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
// and .../dome_query.htm: GET /services/data/v59.0/query?q=SELECT ... with an OAuth access token
// as a Bearer; the batch size comes in a second header, `Sforce-Query-Options: batchSize=N`
// (200..2000, default 2000); the answer is {"totalSize":N,"done":false,"nextRecordsUrl":
// "/services/data/v59.0/query/01gxx-2000","records":[...]}, and the last batch says "done":true
// without a nextRecordsUrl. (Salesforce's nextRecordsUrl is rooted at the instance; here it
// carries the sandbox's /salesforce prefix, which stands for the instance.) A wrong token is 401
// [{"message":"Session expired or invalid", "errorCode":"INVALID_SESSION_ID"}]; a query it cannot
// read is 400 MALFORMED_QUERY.
#pragma once

#include "../dataset.hpp"
#include "../provider_simulator.hpp"

namespace sandbox {

class SalesforceSimulator : public ProviderSimulator {
  public:
    static constexpr const char* k_token = "00Dxx0000001gPL!SENTINEL-salesforce-access-token";
    static constexpr const char* k_locator = "01gD0000002HU6KIAW";

    explicit SalesforceSimulator(const SandboxOptions& options) : m_options(options) {}
    std::vector<std::string> prefixes() const override { return {"/salesforce"}; }
    void handle(const std::string& prefix, Exchange& exchange) override;
    bool serves_data(const std::string& path) const override {
        return path.rfind("/services/data/v59.0/query", 0) == 0;
    }

  private:
    void batch(Exchange& exchange, std::int64_t start);

    const SandboxOptions& m_options;
    Dataset m_dataset{m_options};
};

}  // namespace sandbox
