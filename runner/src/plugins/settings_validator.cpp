#include "plugins/settings_validator.hpp"

#include <Poco/Exception.h>
#include <Poco/NumberParser.h>
#include <Poco/URI.h>

#include <algorithm>
#include <vector>

namespace apirunner {
namespace {

const SettingSpec* find_spec(const PluginDescriptor& plugin, const std::string& name) {
    for (std::size_t i = 0; i < plugin.settings_count; ++i) {
        if (name == plugin.settings[i].name) {
            return &plugin.settings[i];
        }
    }
    return nullptr;
}

// "" when the text is a valid value of the type, else what is wrong.
std::string type_problem(SettingType type, const std::string& text) {
    switch (type) {
        case SettingType::string:
            return "";
        case SettingType::integer: {
            Poco::Int64 value = 0;
            return Poco::NumberParser::tryParse64(text, value) ? "" : "must be an integer";
        }
        case SettingType::boolean:
            return text == "true" || text == "false" ? "" : "must be true or false";
        case SettingType::url: {
            const auto authority = text.find("://");
            if (authority != std::string::npos) {
                const auto end = text.find_first_of("/?#", authority + 3);
                std::string host_port = text.substr(authority + 3, end - (authority + 3));
                host_port = host_port.substr(host_port.rfind('@') + 1);  // never the userinfo
                if (!host_port.empty() && host_port.back() == ':') {
                    return "has a ':' with no port after it: write the port (" + host_port +
                           "8080) or leave the ':' out";
                }
            }
            try {
                Poco::URI uri(text);
                if ((uri.getScheme() == "http" || uri.getScheme() == "https") &&
                    !uri.getHost().empty()) {
                    return "";
                }
            } catch (const Poco::Exception&) {
            }
            return "must be an http:// or https:// URL";
        }
    }
    return "";
}

}  // namespace

std::map<std::string, std::string> validate_settings(
    const PluginDescriptor& plugin, const std::map<std::string, SettingValue>& values,
    const std::string& where, ConfigProblems& problems) {
    std::vector<std::string> known;
    for (std::size_t i = 0; i < plugin.settings_count; ++i) {
        known.emplace_back(plugin.settings[i].name);
    }
    std::map<std::string, std::string> result;
    std::vector<std::string> suggested;  // a misspelled key is one mistake, not two
    for (const auto& [name, value] : values) {
        const SettingSpec* spec = find_spec(plugin, name);
        if (!spec) {
            problems.push_back({value.path, "unknown setting for plugin '" +
                                                std::string(plugin.name) + "'" +
                                                did_you_mean(name, known)});
            suggested.push_back(closest_match(name, known));
            continue;
        }
        const std::string wrong = type_problem(spec->type, value.text);
        if (!wrong.empty()) {
            // Never echo a secret's value back.
            problems.push_back(
                {value.path, spec->secret ? wrong : wrong + ", not '" + value.text + "'"});
            continue;
        }
        result[name] = value.text;
    }
    for (std::size_t i = 0; i < plugin.settings_count; ++i) {
        const SettingSpec& spec = plugin.settings[i];
        if (result.count(spec.name) || values.count(spec.name)) {
            continue;
        }
        if (spec.default_value) {
            result[spec.name] = spec.default_value;
        } else if (spec.required &&
                   std::find(suggested.begin(), suggested.end(), spec.name) == suggested.end()) {
            problems.push_back({where, std::string("missing required setting '") + spec.name +
                                           "' (" + spec.description + ")"});
        }
    }
    return result;
}

}  // namespace apirunner
