// Loads and checks a jobs file (schemas/jobs.schema.json is the same contract as JSON Schema).
#pragma once

#include "config/jobs_config.hpp"
#include "settings/env_substitution.hpp"
#include "settings/problems.hpp"

#include <string>

namespace apirunner {

struct LoadedConfig {
    JobsConfig config;
    ConfigProblems problems;  // empty when the file is usable
    ConfigProblems warnings;  // usable, but likely not what was meant: validate and run say them
};

// Never throws for a bad file: every problem found is returned with its path. Relative paths
// (state, sink paths, *_file, record_schema) are taken from the file's folder.
LoadedConfig load_config(const std::string& path, const EnvLookup& env = process_environment());

}  // namespace apirunner
