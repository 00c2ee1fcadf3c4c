#include "http/rate_limit_headers.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>

#include <algorithm>
#include <regex>

namespace apirunner {
namespace {

constexpr const char* k_remaining[] = {"X-RateLimit-Remaining", "RateLimit-Remaining",
                                       "X-Rate-Limit-Remaining"};
constexpr const char* k_reset[] = {"X-RateLimit-Reset", "RateLimit-Reset", "X-Rate-Limit-Reset"};
constexpr std::int64_t k_epoch_threshold = 1'000'000'000;         // 2001: smaller is a delta
constexpr std::int64_t k_epoch_ms_threshold = 1'000'000'000'000;  // larger is in milliseconds
constexpr std::int64_t k_longest_s = 1'000'000'000;  // a bound before the * 1000, past any limit

}  // namespace

std::optional<std::int64_t> parse_reset_ms(const std::string& value, std::int64_t now_unix_s) {
    const std::string text = Poco::trim(value);
    Poco::Int64 seconds = 0;
    if (Poco::NumberParser::tryParse64(text, seconds)) {
        if (seconds < 0) {
            return std::nullopt;
        }
        if (seconds > k_epoch_ms_threshold) {
            seconds /= 1000;  // an epoch in milliseconds
        }
        const std::int64_t delta = seconds > k_epoch_threshold ? seconds - now_unix_s : seconds;
        return std::clamp<std::int64_t>(delta, 0, k_longest_s) * 1000;
    }
    // Poco's parser skips what it does not understand, so the shape is checked first.
    static const std::regex iso8601(
        R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))");
    Poco::DateTime when;
    int zone = 0;
    std::smatch shape;
    if (!std::regex_match(text, shape, iso8601) ||
        !Poco::DateTimeParser::tryParse(shape[1].matched ? Poco::DateTimeFormat::ISO8601_FRAC_FORMAT
                                                         : std::string("%Y-%m-%dT%H:%M%z"),
                                        text, when, zone)) {
        return std::nullopt;
    }
    const std::int64_t delta = when.timestamp().epochTime() - zone - now_unix_s;
    return std::clamp<std::int64_t>(delta, 0, k_longest_s) * 1000;
}

std::optional<std::int64_t> spent_budget_wait_ms(const HttpResponse& response,
                                                 std::int64_t now_unix_s) {
    const bool spent = std::any_of(std::begin(k_remaining), std::end(k_remaining), [&](auto name) {
        const auto remaining = response.header(name);
        return remaining && Poco::trim(*remaining) == "0";
    });
    if (!spent) {
        return std::nullopt;
    }
    for (const char* name : k_reset) {
        if (const auto reset = response.header(name)) {
            if (auto wait = parse_reset_ms(*reset, now_unix_s)) {
                return wait;
            }
        }
    }
    return 0;
}

bool forbidden_for_rate(const HttpResponse& response, std::optional<std::int64_t> spent_wait_ms) {
    if (spent_wait_ms.value_or(0) > 0 || response.header("Retry-After")) {
        return true;
    }
    // https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api and
    // https://developers.google.com/drive/api/guides/limits: the body is the only word.
    // "rate limit" as words ("corporate limits" is not), or Google's reason codes.
    static const std::regex says_rate_limit(R"(\brate[ _-]?limit|ratelimitexceeded)",
                                            std::regex::icase);
    return std::regex_search(response.body.substr(0, 4096), says_rate_limit);
}

}  // namespace apirunner
