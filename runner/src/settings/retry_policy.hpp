// When and how long to wait before trying a request again: 408, 429, 5xx and network errors,
// exponential backoff with full jitter, Retry-After (or a spent rate limit's reset) as a floor.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>

namespace apirunner {

struct RetryPolicy {
    int max_attempts = 5;
    std::int64_t base_delay_ms = 1000;
    std::int64_t max_delay_ms = 300'000;       // the longest single wait, Retry-After included
    std::int64_t max_retry_time_ms = 600'000;  // all the waits for one request together
    // The least wait after a 429 (or a 403 that is a rate limit) that says neither Retry-After
    // nor when its limit resets (Airtable asks for 30 s, GitHub for a minute).
    std::int64_t rate_limited_delay_ms = 0;

    bool retries_status(int status) const;
    // The wait before attempt `attempt + 1` (attempt counts from 1).
    std::int64_t backoff_ms(int attempt, std::mt19937& random) const;
};

// A Retry-After value in milliseconds: delta-seconds (with a fraction too, "2.0") or an HTTP
// date. Nothing for a value that is garbage, or zero or less ("no hint").
std::optional<std::int64_t> parse_retry_after_ms(const std::string& value, std::int64_t now_unix_s);

}  // namespace apirunner
