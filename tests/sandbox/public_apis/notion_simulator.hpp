// Notion's database query, as documented at https://developers.notion.com/reference/intro
// (pagination) and https://developers.notion.com/reference/post-database-query: POST
// /v1/databases/{id}/query with an integration's token as a Bearer and the Notion-Version header
// on every request (https://developers.notion.com/reference/versioning); `start_cursor` and
// `page_size` (at most 100) in the JSON body, with an optional `filter`; the answer is
// {"object":"list","results":[...],"next_cursor":...,"has_more":...,"type":"page_or_database"}.
// Errors are {"object":"error","status":...,"code":...,"message":...}: 400 missing_version or
// validation_error, 401 unauthorized, 404 object_not_found.
#pragma once

#include "../dataset.hpp"
#include "../provider_simulator.hpp"

namespace sandbox {

class NotionSimulator : public ProviderSimulator {
  public:
    static constexpr const char* k_token = "secret_SENTINEL-notion-integration-token";
    static constexpr const char* k_database = "d9824bdc84454327be8b5b47500af6ce";
    static constexpr const char* k_version = "2022-06-28";

    explicit NotionSimulator(const SandboxOptions& options) : m_options(options) {}
    std::vector<std::string> prefixes() const override { return {"/notion"}; }
    void handle(const std::string& prefix, Exchange& exchange) override;
    bool serves_data(const std::string& path) const override {
        return path == std::string("/v1/databases/") + k_database + "/query";
    }

  private:
    void query(Exchange& exchange);

    const SandboxOptions& m_options;
    Dataset m_dataset{m_options};
};

}  // namespace sandbox
