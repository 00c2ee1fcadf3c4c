// ${VAR} and ${VAR:-default} in config values, from the environment; "$$" is a literal "$".
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace apirunner {

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

EnvLookup process_environment();

// Returns the substituted text, or sets `problem` (naming the variable) and returns "".
std::string substitute_env(const std::string& text, const EnvLookup& lookup, std::string& problem);

}  // namespace apirunner
