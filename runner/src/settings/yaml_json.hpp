// A YAML value of the jobs file as JSON text (a request's `body`), ${VAR} substituted in every
// scalar. Scalars are typed as YAML 1.2's core schema types them: a plain 100 is a number, true
// and false booleans, null or ~ null; anything quoted ('100') is a string.
#pragma once

#include "settings/yaml_map.hpp"

#include <optional>
#include <string>

namespace apirunner {

// Nothing, with a problem at `path`, when a variable cannot be substituted or a key is not text.
std::optional<std::string> yaml_as_json(const YAML::Node& node, const std::string& path,
                                        const EnvLookup& env, ConfigProblems& problems);

}  // namespace apirunner
