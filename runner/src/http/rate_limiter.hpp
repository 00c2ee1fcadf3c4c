// A provider's request budget (`rate_limit: {requests: N, per: 1s}`): a token bucket holding up
// to N tokens, refilled at N per period. Every job on the provider in this process draws from
// the one bucket; a request without a token waits for the next one. Thread-safe, both the
// bucket and the process's set of them.
#pragma once

#include "settings/rate_limit.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace apirunner {

class RateLimiter {
  public:
    using Clock = std::chrono::steady_clock;
    explicit RateLimiter(RateLimit limit);

    // Takes a token, waiting for one if need be. Returns the time waited.
    std::chrono::milliseconds acquire();
    // The wait before a token would be free at `now`, taking it if there is none to wait for.
    std::chrono::milliseconds reserve(Clock::time_point now);

  private:
    RateLimit m_limit;
    std::mutex m_mutex;
    double m_tokens;
    Clock::time_point m_updated;
};

// A process's buckets, one per provider and limit, made on first use and shared by every run in the
// process (`run` runs its jobs one after another; the daemon runs them side by side).
class RateLimiters {
  public:
    // The bucket of `provider` with this `limit`, or null when `limit` sets no number of requests.
    RateLimiter* of(const std::string& provider, const RateLimit& limit);

  private:
    std::mutex m_mutex;
    std::map<std::string, std::unique_ptr<RateLimiter>> m_buckets;
};

}  // namespace apirunner
