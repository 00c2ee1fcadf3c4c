#include "paging/json_path.hpp"

#include <Poco/NumberParser.h>

#include <cmath>

namespace apirunner {

std::vector<std::string_view> path_steps(std::string_view path) {
    std::vector<std::string_view> steps;
    for (std::size_t start = 0; start <= path.size();) {
        const std::size_t dot = std::min(path.find('.', start), path.size());
        if (dot > start) {
            steps.push_back(path.substr(start, dot - start));
        }
        start = dot + 1;
    }
    return steps;
}

std::string json_pointer(std::string_view path) {
    std::string pointer;
    for (const std::string_view step : path_steps(path)) {
        pointer += '/';
        for (const char c : step) {
            pointer += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
        }
    }
    return pointer;
}

std::optional<JsonValue> find_path(JsonValue root, const std::string& path) {
    JsonValue current = root;
    for (const std::string_view step : path_steps(path)) {
        simdjson::dom::object object;
        if (current.get(object) != simdjson::SUCCESS ||
            object.at_key(step).get(current) != simdjson::SUCCESS) {
            return std::nullopt;
        }
    }
    return current;
}

std::optional<std::int64_t> as_count(const std::optional<JsonValue>& value) {
    if (!value) {
        return std::nullopt;
    }
    std::int64_t whole = 0;
    double number = 0;
    std::string_view text;
    if (value->get(whole) == simdjson::SUCCESS) {
        return whole >= 0 ? std::optional<std::int64_t>(whole) : std::nullopt;
    }
    if (value->is_double() && value->get(number) == simdjson::SUCCESS) {
        if (number >= 0 && number < 9.0e18 && std::floor(number) == number) {
            return static_cast<std::int64_t>(number);
        }
        return std::nullopt;
    }
    if (value->get(text) == simdjson::SUCCESS) {
        Poco::Int64 parsed = 0;
        if (Poco::NumberParser::tryParse64(std::string(text), parsed) && parsed >= 0) {
            return parsed;
        }
    }
    return std::nullopt;
}

std::optional<std::string> position_text(const std::optional<JsonValue>& value) {
    if (!value) {
        return std::nullopt;
    }
    std::string_view text;
    if (value->get(text) == simdjson::SUCCESS) {
        return text.empty() ? std::nullopt : std::optional<std::string>(text);
    }
    if (value->is_number()) {
        return simdjson::minify(*value);
    }
    return std::nullopt;
}

}  // namespace apirunner
