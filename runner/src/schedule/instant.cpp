#include "schedule/instant.hpp"

#include <sstream>

namespace apirunner {
namespace {

std::optional<Instant> parse_as(const std::string& text, const char* format) {
    std::istringstream in(text);
    date::sys_time<std::chrono::microseconds> at;  // takes a fraction of a second, if written
    in >> date::parse(format, at);
    if (in.fail() || in.peek() != std::char_traits<char>::eof()) {
        return std::nullopt;
    }
    return date::floor<std::chrono::seconds>(at);
}

}  // namespace

std::optional<Instant> parse_instant(const std::string& text) {
    for (const char* format : {"%FT%TZ", "%FT%T%Ez", "%F %T", "%FT%T", "%F"}) {
        if (auto at = parse_as(text, format)) {
            return at;
        }
    }
    return std::nullopt;
}

std::optional<std::chrono::seconds> parse_span(const std::string& text) {
    static const std::pair<char, std::int64_t> units[] = {
        {'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}};
    if (text.size() < 2 || text.size() > 10 ||
        text.find_first_not_of("0123456789") != text.size() - 1) {
        return std::nullopt;
    }
    for (const auto& [unit, seconds] : units) {
        if (text.back() == unit) {
            return std::chrono::seconds(std::stoll(text.substr(0, text.size() - 1)) * seconds);
        }
    }
    return std::nullopt;
}

}  // namespace apirunner
