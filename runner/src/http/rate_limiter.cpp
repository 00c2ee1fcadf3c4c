#include "http/rate_limiter.hpp"

#include <Poco/NumberParser.h>

#include <algorithm>
#include <cctype>
#include <thread>

namespace apirunner {

RateLimiter::RateLimiter(RateLimit limit)
    : m_limit(limit), m_tokens(static_cast<double>(limit.requests)), m_updated(Clock::now()) {}

std::chrono::milliseconds RateLimiter::reserve(Clock::time_point now) {
    if (m_limit.requests <= 0) {
        return std::chrono::milliseconds(0);
    }
    std::lock_guard<std::mutex> hold(m_mutex);
    const double per_ms =
        static_cast<double>(m_limit.requests) / static_cast<double>(m_limit.per_ms);
    const double elapsed_ms = std::chrono::duration<double, std::milli>(now - m_updated).count();
    m_tokens = std::min(static_cast<double>(m_limit.requests),
                        m_tokens + std::max(0.0, elapsed_ms) * per_ms);
    m_updated = std::max(now, m_updated);
    // The token is spent now; a negative balance is the queue of requests waiting for refills.
    m_tokens -= 1;
    if (m_tokens >= 0) {
        return std::chrono::milliseconds(0);
    }
    return std::chrono::milliseconds(static_cast<std::int64_t>(-m_tokens / per_ms + 0.999));
}

std::chrono::milliseconds RateLimiter::acquire() {
    const auto wait = reserve(Clock::now());
    if (wait.count() > 0) {
        std::this_thread::sleep_for(wait);
    }
    return wait;
}

RateLimiter* RateLimiters::of(const std::string& provider, const RateLimit& limit) {
    if (limit.requests <= 0) {
        return nullptr;
    }
    std::lock_guard<std::mutex> hold(m_mutex);
    // Keyed by the limit too: a daemon reload that changes it gets a new bucket, while runs in
    // progress keep drawing on the one they hold.
    auto& bucket = m_buckets[provider + " " + std::to_string(limit.requests) + "/" +
                             std::to_string(limit.per_ms)];
    if (!bucket) {
        bucket = std::make_unique<RateLimiter>(limit);
    }
    return bucket.get();
}

}  // namespace apirunner
