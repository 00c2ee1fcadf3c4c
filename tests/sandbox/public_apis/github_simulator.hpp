// GitHub's REST API issue list, as documented at
// https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api and
// https://docs.github.com/rest/issues/issues#list-repository-issues: GET
// /repos/{owner}/{repo}/issues with a token as a Bearer, `per_page` (at most 100, default 30) and
// `page` (from 1); the body is a bare JSON array, and the next page's URL comes in the Link header
// (rel="next", with "last", "first" and "prev" beside it). Every answer carries the x-ratelimit-*
// headers (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api); the
// sandbox's --budget answers as GitHub does when they run out. A private repository without a
// token is 404, a wrong token 401 {"message":"Bad credentials",...}; an X-GitHub-Api-Version it
// does not know is 400. `since` (ISO 8601; 422 Validation Failed otherwise) lists the issues
// updated at or after it, `sort=updated` with `direction` orders them by their updated_at, and
// the Link URLs keep those parameters. POST /github/_sandbox/changes?updated=K&added=N (the
// sandbox's own, not GitHub's) edits K issues spread over the list and opens N new ones, all
// updated now: how a test makes a second night differ from the first.
#pragma once

#include "../dataset.hpp"
#include "../provider_simulator.hpp"

#include <Poco/JSON/Object.h>

#include <ctime>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

namespace sandbox {

class GitHubSimulator : public ProviderSimulator {
  public:
    static constexpr const char* k_token = "github_pat_SENTINEL-github-token";
    static constexpr const char* k_issues = "/repos/octo-org/octo-repo/issues";

    // The issues were opened a minute apart, the last one a minute before the sandbox started.
    explicit GitHubSimulator(const SandboxOptions& options)
        : m_options(options), m_first_created(std::time(nullptr) - 60 * options.records) {}
    std::vector<std::string> prefixes() const override { return {"/github"}; }
    void handle(const std::string& prefix, Exchange& exchange) override;
    bool serves_data(const std::string& path) const override { return path == k_issues; }

  private:
    struct Issue {
        std::int64_t index;
        std::int64_t created;  // epoch seconds
        std::int64_t updated;
        int revision;  // how many times the sandbox edited it
    };
    static constexpr const char* k_changes = "/_sandbox/changes";
    static constexpr std::int64_t k_added_from = 1'000'000;  // the indexes of issues opened later

    void issues(Exchange& exchange);
    void change(Exchange& exchange);
    std::optional<std::vector<Issue>> listed(Exchange& exchange);
    Issue issue_at(std::int64_t index) const;  // under m_mutex
    static Poco::JSON::Object::Ptr record(const Issue& issue);

    const SandboxOptions& m_options;
    Dataset m_dataset{m_options};
    const std::int64_t m_first_created;  // epoch seconds
    std::mutex m_mutex;
    std::map<std::int64_t, std::pair<std::int64_t, int>> m_changed;  // index: updated, revision
    std::vector<std::int64_t> m_added_at;                            // when each was opened
};

}  // namespace sandbox
