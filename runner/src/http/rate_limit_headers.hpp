// What a response's rate-limit headers say about the provider's budget: GitHub's
// X-RateLimit-Remaining and X-RateLimit-Reset (epoch seconds,
// https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api), the IETF draft's
// RateLimit-Remaining and RateLimit-Reset (delta seconds), Zendesk's X-Rate-Limit-Remaining and
// Jira's X-RateLimit-Reset as an ISO 8601 time. A 403 or 429 that says the budget is spent is a
// wait, never a refusal of the credentials.
#pragma once

#include <apirunner/http.hpp>

#include <cstdint>
#include <optional>

namespace apirunner {

// When a *-Remaining header says 0: the milliseconds until the reset (0 when the reset is past
// or not given). Nothing when no header says the budget is spent.
std::optional<std::int64_t> spent_budget_wait_ms(const HttpResponse& response,
                                                 std::int64_t now_unix_s);

// Whether a 403 is a rate limit rather than a refusal of the credentials: its budget is spent
// with a reset ahead (`spent_wait_ms` > 0), it carries Retry-After (GitHub's secondary limits),
// or its body says so ("secondary rate limit", Google's "userRateLimitExceeded").
bool forbidden_for_rate(const HttpResponse& response, std::optional<std::int64_t> spent_wait_ms);

// A reset value in milliseconds from now: epoch seconds (anything past 10^9), delta seconds,
// or an ISO 8601 time. Nothing when garbage.
std::optional<std::int64_t> parse_reset_ms(const std::string& value, std::int64_t now_unix_s);

}  // namespace apirunner
