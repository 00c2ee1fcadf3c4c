// Faults on demand, for testing clients against what real APIs do: every Nth data request
// fails with 503, is cut off mid-body, or carries broken JSON; more than N a second get 429, or
// with --budget a 403 saying the rate limit is spent, as GitHub answers;
// with --malformed every data answer is wrong in one way (an HTML page, bytes that are not
// UTF-8, a body far too large, a JSON array for an object, records without their id, a
// redirect to itself); with --redirect-to every data answer is a 307 to that URL (another port,
// to see what a client sends there).
#pragma once

#include "request_window.hpp"

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

namespace sandbox {

enum class Fault {
    unavailable,
    rate_limited,
    budget_spent,
    dropped,
    garbage,
    html,
    non_utf8,
    huge,
    array,
    no_id,
    redirect_loop,
    redirect_away
};

struct FaultOptions {
    std::int64_t fail_every = 0;     // 503
    std::int64_t drop_every = 0;     // connection closed halfway through the body
    std::int64_t garbage_every = 0;  // 200 with a body that is not valid JSON
    std::int64_t rate_limit = 0;     // data requests a second before 429 + Retry-After
    std::int64_t budget = 0;         // data requests a second before 403 + X-RateLimit-Remaining: 0
    std::int64_t total_drift =
        0;  // records inserted at the front after the first page (dataset.hpp)
    std::optional<Fault> malformed;  // html ... redirect_loop, on every data answer
    std::string redirect_to;         // redirect_away's URL
};

// A --malformed name ("html", "non-utf8", "huge", "array", "no-id", "redirect-loop") as a
// Fault; nothing for any other name.
std::optional<Fault> malformed_fault(const std::string& name);

class FaultInjector {
  public:
    explicit FaultInjector(const FaultOptions& options) : m_options(options) {}
    // The fault for the next data request, if any.
    std::optional<Fault> next();
    std::int64_t budget() const { return m_options.budget; }
    const std::string& redirect_to() const { return m_options.redirect_to; }

  private:
    // Whether this request is past `limit` data requests in the last second.
    bool over_rate(std::int64_t limit);

    const FaultOptions& m_options;
    std::atomic<std::int64_t> m_count{0};
    RequestWindow m_window;
};

}  // namespace sandbox
