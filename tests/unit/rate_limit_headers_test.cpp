#include "http/rate_limit_headers.hpp"

#include <catch2/catch.hpp>

using namespace apirunner;

namespace {

constexpr std::int64_t k_now = 1'800'000'000;

HttpResponse answer(HeaderList headers) {
    HttpResponse response;
    response.status = 403;
    response.headers = std::move(headers);
    return response;
}

}  // namespace

TEST_CASE("rate-limit reset: epoch seconds, delta seconds, or an ISO 8601 time") {
    CHECK(parse_reset_ms("1800000030", k_now) == std::optional<std::int64_t>(30'000));  // GitHub
    CHECK(parse_reset_ms(" 41 ", k_now) == std::optional<std::int64_t>(41'000));   // IETF draft
    CHECK(parse_reset_ms("1799999990", k_now) == std::optional<std::int64_t>(0));  // past
    // k_now is 2027-01-15T08:00:00Z; Jira writes minutes only.
    CHECK(parse_reset_ms("2027-01-15T08:02Z", k_now) == std::optional<std::int64_t>(120'000));
    CHECK(parse_reset_ms("2027-01-15T09:02+01:00", k_now) == std::optional<std::int64_t>(120'000));
    CHECK(parse_reset_ms("2027-01-15T09:00:30+01:00", k_now) ==
          std::optional<std::int64_t>(30'000));
    CHECK(parse_reset_ms("2027-01-15T08:00:10.5Z", k_now) == std::optional<std::int64_t>(10'000));
    for (const char* garbage :
         {"soon", "", "2027-01-15", "2027-01-15T08:02", "x2027-01-15T08:02Z", "-5"}) {
        INFO(garbage);
        CHECK_FALSE(parse_reset_ms(garbage, k_now));
    }
}

TEST_CASE("rate-limit headers: only a Remaining of 0 means the budget is spent") {
    CHECK(spent_budget_wait_ms(
              answer({{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset", "1800000060"}}),
              k_now) == std::optional<std::int64_t>(60'000));
    CHECK(spent_budget_wait_ms(answer({{"ratelimit-remaining", "0"}, {"ratelimit-reset", "7"}}),
                               k_now) == std::optional<std::int64_t>(7'000));
    CHECK(spent_budget_wait_ms(answer({{"X-Rate-Limit-Remaining", " 0 "}}), k_now) ==
          std::optional<std::int64_t>(0));  // spent, no reset given: backoff alone
    CHECK_FALSE(spent_budget_wait_ms(
        answer({{"X-RateLimit-Remaining", "1"}, {"X-RateLimit-Reset", "1800000060"}}), k_now));
    CHECK_FALSE(spent_budget_wait_ms(answer({{"X-RateLimit-Reset", "1800000060"}}), k_now));
}
