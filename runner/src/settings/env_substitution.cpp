#include "settings/env_substitution.hpp"

#include <cctype>
#include <cstdlib>

namespace apirunner {

EnvLookup process_environment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        return value ? std::optional<std::string>(value) : std::nullopt;
    };
}

namespace {

// The index of the '}' closing the "${" at `open`, counting nested references; npos if none.
std::size_t closing_brace(const std::string& text, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < text.size(); ++i) {
        if (text.compare(i, 2, "${") == 0) {
            ++depth;
            ++i;
        } else if (text[i] == '}' && --depth == 0) {
            return i;
        }
    }
    return std::string::npos;
}

bool is_variable_name(const std::string& name) {
    if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) {
        return false;
    }
    for (char c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string substitute_env(const std::string& text, const EnvLookup& lookup, std::string& problem) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "$$") == 0) {
            out += '$';
            ++i;
            continue;
        }
        if (text.compare(i, 2, "${") != 0) {
            out += text[i];
            continue;
        }
        const auto close = closing_brace(text, i);
        if (close == std::string::npos) {
            problem = "unterminated '${' in value";
            return "";
        }
        const std::string body = text.substr(i + 2, close - i - 2);
        const auto dash = body.find(":-");
        const std::string name = body.substr(0, dash);
        if (!is_variable_name(name)) {
            problem = "'${" + body + "}' is not a variable reference";
            return "";
        }
        std::optional<std::string> value = lookup(name);
        if (!value || (value->empty() && dash != std::string::npos)) {
            if (dash == std::string::npos) {
                problem = "environment variable " + name + " is not set";
                return "";
            }
            // The default may itself refer to variables: ${A:-${B:-x}}.
            value = substitute_env(body.substr(dash + 2), lookup, problem);
            if (!problem.empty()) {
                return "";
            }
        }
        out += *value;
        i = close;
    }
    return out;
}

}  // namespace apirunner
