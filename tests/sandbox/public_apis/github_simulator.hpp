// GitHub's REST API issue list, as documented at
// https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api and
// https://docs.github.com/rest/issues/issues#list-repository-issues: GET
// /repos/{owner}/{repo}/issues with a token as a Bearer, `per_page` (at most 100, default 30) and
// `page` (from 1); the body is a bare JSON array, and the next page's URL comes in the Link header
// (rel="next", with "last", "first" and "prev" beside it). Every answer carries the x-ratelimit-*
// headers (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api); the
// sandbox's --budget answers as GitHub does when they run out. A private repository without a
// token is 404, a wrong token 401 {"message":"Bad credentials",...}; an X-GitHub-Api-Version it
// does not know is 400.
#pragma once

#include "../dataset.hpp"
#include "../provider_simulator.hpp"

namespace sandbox {

class GitHubSimulator : public ProviderSimulator {
  public:
    static constexpr const char* k_token = "github_pat_SENTINEL-github-token";
    static constexpr const char* k_issues = "/repos/octo-org/octo-repo/issues";

    explicit GitHubSimulator(const SandboxOptions& options) : m_options(options) {}
    std::vector<std::string> prefixes() const override { return {"/github"}; }
    void handle(const std::string& prefix, Exchange& exchange) override;
    bool serves_data(const std::string& path) const override { return path == k_issues; }

  private:
    void issues(Exchange& exchange);

    const SandboxOptions& m_options;
    Dataset m_dataset{m_options};
};

}  // namespace sandbox
