// A provider's request budget as the jobs file states it (`rate_limit: {requests: N, per: 1s}`);
// http/rate_limiter enforces it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace apirunner {

struct RateLimit {
    std::int64_t requests = 0;  // 0: no limit
    std::int64_t per_ms = 1000;
};

// "1s", "500ms", "2m", "1h": a period in milliseconds, or nothing when it is not one.
std::optional<std::int64_t> parse_period_ms(const std::string& text);

}  // namespace apirunner
