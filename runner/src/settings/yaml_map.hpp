// Reads one YAML mapping of the jobs file, field by field, recording a problem (with its path)
// for every missing, mistyped or unknown key instead of stopping at the first.
#pragma once

#include "settings/env_substitution.hpp"
#include "settings/problems.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace apirunner {

class YamlMap {
  public:
    // `node` must be a mapping (else a problem is recorded and every read returns nothing).
    YamlMap(const YAML::Node& node, std::string path, const EnvLookup& env,
            ConfigProblems& problems);

    bool valid() const { return m_valid; }
    const std::string& path() const { return m_path; }
    std::string child_path(const std::string& key) const;

    // Scalars, with ${VAR} substituted.
    std::optional<std::string> string(const std::string& key, bool required = false);
    std::optional<std::int64_t> positive_integer(const std::string& key) { return integer(key, 1); }
    std::optional<std::int64_t> integer(const std::string& key, std::int64_t minimum);
    std::optional<std::string> one_of(const std::string& key,
                                      const std::vector<std::string>& allowed,
                                      bool required = false);
    std::optional<bool> boolean(const std::string& key);  // true or false
    // A nested node, marked as known; Null when absent.
    YAML::Node node(const std::string& key, bool required = false);
    // An optional nested mapping (`retry:`, `paging:`), marked as known: nothing when it is
    // absent, or not a mapping (a problem is recorded then).
    std::optional<YamlMap> block(const std::string& key);
    // Reports every key that was never asked for.
    void finish();

    void problem(const std::string& key, const std::string& message);

  private:
    YAML::Node m_node;
    std::string m_path;
    const EnvLookup& m_env;
    ConfigProblems& m_problems;
    std::vector<std::string> m_known;
    bool m_valid;
};

// Substitutes ${VAR} in a scalar node's text; records a problem at `path` when that fails.
std::optional<std::string> scalar_text(const YAML::Node& node, const std::string& path,
                                       const EnvLookup& env, ConfigProblems& problems);

}  // namespace apirunner
