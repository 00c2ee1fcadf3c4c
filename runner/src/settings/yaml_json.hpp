// A YAML value of the jobs file as JSON text (a request's `body`), ${VAR} substituted in every
// scalar. Plain scalars are typed as YAML 1.2's core schema types them: 100 is a number, true
// and false booleans, null or ~ null; a quoted ('100') or !!str scalar is a string, and so is
// one that takes a ${VAR}, whatever its value (an id "00123" stays "00123").
#pragma once

#include "settings/yaml_map.hpp"

#include <optional>
#include <string>

namespace apirunner {

// Nothing, with a problem at `path`, when a variable cannot be substituted, a key is not text,
// is given twice or is a merge key (<<), or the value nests deeper than 64 levels.
std::optional<std::string> yaml_as_json(const YAML::Node& node, const std::string& path,
                                        const EnvLookup& env, ConfigProblems& problems);

}  // namespace apirunner
