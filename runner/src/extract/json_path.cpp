#include "extract/json_path.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/NumberParser.h>
#include <Poco/StringTokenizer.h>

#include <cmath>

namespace apirunner {

Poco::Dynamic::Var find_path(const Poco::Dynamic::Var& root, const std::string& path) {
    Poco::Dynamic::Var current = root;
    Poco::StringTokenizer steps(path, ".", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& step : steps) {
        if (current.type() != typeid(Poco::JSON::Object::Ptr)) {
            return {};
        }
        auto object = current.extract<Poco::JSON::Object::Ptr>();
        if (!object || !object->has(step)) {
            return {};
        }
        current = object->get(step);
    }
    return current;
}

std::optional<std::int64_t> as_count(const Poco::Dynamic::Var& value) {
    if (value.isEmpty() || value.isBoolean()) {
        return std::nullopt;
    }
    if (value.isString()) {
        Poco::Int64 parsed = 0;
        if (Poco::NumberParser::tryParse64(value.extract<std::string>(), parsed) && parsed >= 0) {
            return parsed;
        }
        return std::nullopt;
    }
    if (value.isInteger()) {
        const auto parsed = value.convert<Poco::Int64>();
        return parsed >= 0 ? std::optional<std::int64_t>(parsed) : std::nullopt;
    }
    if (value.isNumeric()) {
        const double parsed = value.convert<double>();
        if (parsed >= 0 && std::floor(parsed) == parsed) {
            return static_cast<std::int64_t>(parsed);
        }
    }
    return std::nullopt;
}

}  // namespace apirunner
