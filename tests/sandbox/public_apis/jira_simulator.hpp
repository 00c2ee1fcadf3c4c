// Jira Cloud's paginated project search, as documented at
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/ (pagination) and
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/: GET
// /rest/api/3/project/search with Basic auth of an account's email and API token
// (https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/); `startAt`
// (default 0) and `maxResults` (default 50), where the server caps maxResults at 50 and says
// the size it used; the answer is a PageBean: self, nextPage (only when there is one), maxResults,
// startAt, total, isLast, values. Errors are {"errorMessages":[...],"errors":{}}.
#pragma once

#include "../dataset.hpp"
#include "../provider_simulator.hpp"

namespace sandbox {

class JiraSimulator : public ProviderSimulator {
  public:
    static constexpr const char* k_email = "ada@example.test";
    static constexpr const char* k_api_token = "SENTINEL-jira-api-token";
    static constexpr std::int64_t k_max_results = 50;  // the server's cap

    explicit JiraSimulator(const SandboxOptions& options) : m_options(options) {}
    std::vector<std::string> prefixes() const override { return {"/jira"}; }
    void handle(const std::string& prefix, Exchange& exchange) override;
    bool serves_data(const std::string& path) const override {
        return path == "/rest/api/3/project/search";
    }

  private:
    void projects(Exchange& exchange);

    const SandboxOptions& m_options;
    Dataset m_dataset{m_options};
};

}  // namespace sandbox
