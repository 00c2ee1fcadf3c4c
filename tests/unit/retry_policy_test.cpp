#include "settings/retry_policy.hpp"

#include <catch2/catch.hpp>

using namespace apirunner;

TEST_CASE("retried statuses are 408, 429 and the transient 5xx") {
    RetryPolicy policy;
    for (int status : {408, 429, 500, 502, 503, 504}) {
        CHECK(policy.retries_status(status));
    }
    for (int status : {400, 401, 403, 404, 409, 501}) {
        CHECK_FALSE(policy.retries_status(status));
    }
}

TEST_CASE("backoff is full jitter under a doubling ceiling, capped") {
    RetryPolicy policy;
    policy.base_delay_ms = 1000;
    policy.max_delay_ms = 5000;
    std::mt19937 random(7);
    for (int i = 0; i < 200; ++i) {
        CHECK(policy.backoff_ms(1, random) <= 1000);
        CHECK(policy.backoff_ms(3, random) <= 4000);
        CHECK(policy.backoff_ms(40, random) <= 5000);
    }
}

TEST_CASE("Retry-After: seconds or an HTTP date, zero, negative or garbage is no hint") {
    CHECK(parse_retry_after_ms("120", 0) == std::optional<std::int64_t>(120000));
    CHECK(parse_retry_after_ms(" 3 ", 0) == std::optional<std::int64_t>(3000));
    CHECK_FALSE(parse_retry_after_ms("0", 0));
    CHECK_FALSE(parse_retry_after_ms("-5", 0));
    CHECK_FALSE(parse_retry_after_ms("soon", 0));
    // Seconds with a fraction, as Shopify ("2.0") and others send them.
    CHECK(parse_retry_after_ms("2.0", 0) == std::optional<std::int64_t>(2000));
    CHECK(parse_retry_after_ms("1.5", 0) == std::optional<std::int64_t>(1500));
    CHECK(parse_retry_after_ms("0.0001", 0) == std::optional<std::int64_t>(1));
    for (const char* no_hint : {"0.0", "-1.5", "1.5e3", "nan", "inf", "1.2.3", "."}) {
        INFO(no_hint);
        CHECK_FALSE(parse_retry_after_ms(no_hint, 0));
    }
    // Sun, 06 Nov 1994 08:49:37 GMT is 784111777.
    CHECK(parse_retry_after_ms("Sun, 06 Nov 1994 08:49:37 GMT", 784111777 - 30) ==
          std::optional<std::int64_t>(30000));
    CHECK_FALSE(parse_retry_after_ms("Sun, 06 Nov 1994 08:49:37 GMT", 784111777 + 30));
}
