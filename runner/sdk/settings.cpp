#include <apirunner/error.hpp>
#include <apirunner/settings.hpp>

#include <Poco/NumberParser.h>

namespace apirunner {

const char* to_string(SettingType type) {
    switch (type) {
        case SettingType::string:
            return "string";
        case SettingType::integer:
            return "integer";
        case SettingType::boolean:
            return "boolean";
        case SettingType::url:
            return "url";
    }
    return "string";
}

const std::string& Settings::get(const std::string& name) const {
    auto found = m_values.find(name);
    if (found == m_values.end()) {
        throw Error(ErrorKind::config, "missing setting '" + name + "'");
    }
    return found->second;
}

std::string Settings::get_or(const std::string& name, const std::string& fallback) const {
    auto found = m_values.find(name);
    return found == m_values.end() ? fallback : found->second;
}

std::int64_t Settings::get_int(const std::string& name) const {
    Poco::Int64 value = 0;
    if (!Poco::NumberParser::tryParse64(get(name), value)) {
        throw Error(ErrorKind::config, "setting '" + name + "' must be an integer");
    }
    return value;
}

bool Settings::get_bool(const std::string& name) const {
    const std::string& text = get(name);
    if (text == "true") {
        return true;
    }
    if (text == "false") {
        return false;
    }
    throw Error(ErrorKind::config, "setting '" + name + "' must be true or false");
}

}  // namespace apirunner
