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

}  // namespace apirunner
