#include "settings/rate_limit.hpp"

#include <Poco/NumberParser.h>

#include <cctype>

namespace apirunner {

std::optional<std::int64_t> parse_period_ms(const std::string& text) {
    std::size_t digits = 0;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) {
        ++digits;
    }
    Poco::Int64 number = 0;
    if (digits == 0 || !Poco::NumberParser::tryParse64(text.substr(0, digits), number) ||
        number <= 0) {
        return std::nullopt;
    }
    const std::string unit = text.substr(digits);
    const std::int64_t scale = unit == "ms"  ? 1
                               : unit == "s" ? 1000
                               : unit == "m" ? 60'000
                               : unit == "h" ? 3'600'000
                                             : 0;
    if (scale == 0) {
        return std::nullopt;
    }
    return number * scale;
}

}  // namespace apirunner
