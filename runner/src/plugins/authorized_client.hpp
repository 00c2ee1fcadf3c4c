// API calls on behalf of a provider session: keeps the session alive before each attempt,
// stamps credentials afresh on every attempt, answers one 401 with one recovery, and retries
// what RetryPolicy says is worth retrying. A wait before a retry ends early, with
// Error(temporary), when `stopping` says the run is asked to stop.
#pragma once

#include "http/rate_limiter.hpp"
#include "plugins/plugin_session.hpp"
#include "settings/retry_policy.hpp"

#include <apirunner/http.hpp>

#include <functional>
#include <random>
#include <vector>

namespace apirunner {

// How one call's answers are taken, from the job's request settings.
struct SendRules {
    bool resendable = false;      // a POST that only reads (request.idempotent): retried
    std::vector<int> end_status;  // 4xx answers returned, not thrown (request.end_on_status)
};

struct CallStats {
    std::int64_t requests = 0;
    std::int64_t retries = 0;
    std::int64_t refreshes = 0;  // session renewals: due keep-alives and 401 recoveries
    std::int64_t bytes = 0;      // response bodies received
};

// One a thread: a job makes one a page in flight. What they share (the session, the limiter)
// is thread-safe; the stats are read once the thread that used the client has been joined.
class AuthorizedClient {
  public:
    // `limiter` (may be null) is the provider's request budget, drawn on by every attempt.
    AuthorizedClient(
        PluginSession& session, RetryPolicy policy, RateLimiter* limiter = nullptr,
        std::function<bool()> stopping = [] { return false; });

    // A 2xx response, or throws Error: credentials for a 401 that recovery did not cure or a
    // 403, unavailable when retries ran out, bad_data for any other status. A POST or PATCH is
    // sent once unless the rules say it only reads; a status of `rules.end_status` is returned.
    HttpResponse send(const HttpRequest& request, const SendRules& rules = {});
    const CallStats& stats() const { return m_stats; }
    // For callers that find a 2xx answer unusable (a page cut short): whether `attempt` may be
    // followed by another, and the wait before it.
    bool may_retry(int attempt) const { return attempt < m_policy.max_attempts; }
    void back_off(int attempt, const std::string& why);

  private:
    HttpResponse attempt(const HttpRequest& request);
    void wait(std::int64_t ms, const std::string& why);

    PluginSession& m_session;
    HttpResponse send_once(const HttpRequest& stamped);

    RetryPolicy m_policy;
    RateLimiter* m_limiter;
    std::function<bool()> m_stopping;
    std::mt19937 m_random;
    CallStats m_stats;
};

}  // namespace apirunner
