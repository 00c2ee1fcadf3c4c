#include "settings/retry_policy.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>

#include <algorithm>
#include <cmath>

namespace apirunner {

bool RetryPolicy::retries_status(int status) const {
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 ||
           status == 504;
}

std::int64_t RetryPolicy::backoff_ms(int attempt, std::mt19937& random) const {
    const int doublings = std::min(attempt - 1, 30);
    const std::int64_t ceiling = std::min(max_delay_ms, base_delay_ms << doublings);
    std::uniform_int_distribution<std::int64_t> jitter(0, std::max<std::int64_t>(0, ceiling));
    return jitter(random);
}

std::optional<std::int64_t> parse_retry_after_ms(const std::string& value,
                                                 std::int64_t now_unix_s) {
    const std::string text = Poco::trim(value);
    Poco::Int64 seconds = 0;
    if (Poco::NumberParser::tryParse64(text, seconds)) {
        // Bounded before the * 1000: any wait this long is past every limit anyway.
        return seconds > 0 ? std::optional<std::int64_t>(
                                 std::min<Poco::Int64>(seconds, 1'000'000'000) * 1000)
                           : std::nullopt;
    }
    // RFC 9110 says whole seconds, but Shopify sends "2.0" and others "1.5": read as meant.
    double fraction = 0;
    if (text.find_first_not_of("0123456789.") == std::string::npos &&
        Poco::NumberParser::tryParseFloat(text, fraction) && fraction > 0 && fraction < 1e9) {
        return static_cast<std::int64_t>(std::ceil(fraction * 1000));
    }
    Poco::DateTime when;
    int zone = 0;
    if (Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::HTTP_FORMAT, text, when, zone)) {
        const std::int64_t delta = when.timestamp().epochTime() - zone - now_unix_s;
        return delta > 0 ? std::optional<std::int64_t>(delta * 1000) : std::nullopt;
    }
    return std::nullopt;
}

}  // namespace apirunner
