#include "http/rate_limiter.hpp"

#include <catch2/catch.hpp>

using namespace apirunner;
using std::chrono::milliseconds;

TEST_CASE("the bucket lets a burst of N through, then spaces requests at N per period") {
    RateLimiter limiter(RateLimit{2, 1000});
    const auto start = RateLimiter::Clock::now();
    CHECK(limiter.reserve(start) == milliseconds(0));
    CHECK(limiter.reserve(start) == milliseconds(0));
    CHECK(limiter.reserve(start) == milliseconds(500));   // the next refill
    CHECK(limiter.reserve(start) == milliseconds(1000));  // queued behind the one before
    // Two seconds on, the queue is paid off and the bucket holds what it can hold, no more.
    const auto later = start + milliseconds(3000);
    CHECK(limiter.reserve(later) == milliseconds(0));
    CHECK(limiter.reserve(later) == milliseconds(0));
    CHECK(limiter.reserve(later) == milliseconds(500));
}

TEST_CASE("no limit means no wait") {
    RateLimiter limiter(RateLimit{});
    const auto now = RateLimiter::Clock::now();
    for (int i = 0; i < 100; ++i) {
        CHECK(limiter.reserve(now) == milliseconds(0));
    }
}

TEST_CASE("periods are read with their unit, and anything else is refused") {
    CHECK(parse_period_ms("1s") == std::optional<std::int64_t>(1000));
    CHECK(parse_period_ms("250ms") == std::optional<std::int64_t>(250));
    CHECK(parse_period_ms("2m") == std::optional<std::int64_t>(120000));
    CHECK(parse_period_ms("1h") == std::optional<std::int64_t>(3600000));
    CHECK_FALSE(parse_period_ms("1"));
    CHECK_FALSE(parse_period_ms("s"));
    CHECK_FALSE(parse_period_ms("0s"));
    CHECK_FALSE(parse_period_ms("1 day"));
    CHECK_FALSE(parse_period_ms("-1s"));
}

TEST_CASE(
    "a process has one bucket per provider, whichever runner asks, and none without a limit") {
    RateLimiters limiters;
    const RateLimit limit{4, 1000};
    RateLimiter* first = limiters.of("mediamath", limit);
    CHECK(first != nullptr);
    CHECK(limiters.of("mediamath", limit) == first);
    CHECK(limiters.of("openx", limit) != first);
    CHECK(limiters.of("mediahound", RateLimit{}) == nullptr);
}

TEST_CASE(
    "a provider whose limit changed (a daemon reload) gets a new bucket, and the old one stays for "
    "its holders") {
    RateLimiters limiters;
    RateLimiter* before = limiters.of("mediamath", RateLimit{4, 1000});
    RateLimiter* after = limiters.of("mediamath", RateLimit{2, 1000});
    CHECK(after != before);
    CHECK(limiters.of("mediamath", RateLimit{4, 1000}) == before);
}
