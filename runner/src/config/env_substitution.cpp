#include "config/env_substitution.hpp"

#include <cctype>
#include <cstdlib>

namespace apirunner {

EnvLookup process_environment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        return value ? std::optional<std::string>(value) : std::nullopt;
    };
}

std::string substitute_env(const std::string& text, const EnvLookup& lookup, std::string& problem) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '$') {
            out += text[i];
            continue;
        }
        if (i + 1 < text.size() && text[i + 1] == '$') {
            out += '$';
            ++i;
            continue;
        }
        if (i + 1 >= text.size() || text[i + 1] != '{') {
            out += '$';
            continue;
        }
        const auto close = text.find('}', i + 2);
        if (close == std::string::npos) {
            problem = "unterminated '${' in value";
            return "";
        }
        const std::string body = text.substr(i + 2, close - i - 2);
        const auto dash = body.find(":-");
        const std::string name = body.substr(0, dash);
        if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) {
            problem = "'${" + body + "}' is not a variable reference";
            return "";
        }
        for (char c : name) {
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') {
                problem = "'${" + body + "}' is not a variable reference";
                return "";
            }
        }
        std::optional<std::string> value = lookup(name);
        if (!value || (value->empty() && dash != std::string::npos)) {
            if (dash == std::string::npos) {
                problem = "environment variable " + name + " is not set";
                return "";
            }
            value = body.substr(dash + 2);
        }
        out += *value;
        i = close;
    }
    return out;
}

}  // namespace apirunner
