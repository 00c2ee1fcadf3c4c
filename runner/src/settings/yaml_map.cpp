#include "settings/yaml_map.hpp"

#include <Poco/NumberParser.h>

#include <algorithm>

namespace apirunner {

std::optional<std::string> scalar_text(const YAML::Node& node, const std::string& path,
                                       const EnvLookup& env, ConfigProblems& problems) {
    if (!node.IsScalar()) {
        problems.push_back({path, "must be a single value, not a list or mapping"});
        return std::nullopt;
    }
    std::string problem;
    std::string value = substitute_env(node.Scalar(), env, problem);
    if (!problem.empty()) {
        problems.push_back({path, problem});
        return std::nullopt;
    }
    return value;
}

YamlMap::YamlMap(const YAML::Node& node, std::string path, const EnvLookup& env,
                 ConfigProblems& problems)
    : m_node(node),
      m_path(std::move(path)),
      m_env(env),
      m_problems(problems),
      m_valid(node.IsMap()) {
    if (!m_valid) {
        m_problems.push_back({m_path, "must be a mapping of keys to values"});
    }
}

std::string YamlMap::child_path(const std::string& key) const {
    return m_path.empty() ? key : m_path + "." + key;
}

void YamlMap::problem(const std::string& key, const std::string& message) {
    m_problems.push_back({child_path(key), message});
}

YAML::Node YamlMap::node(const std::string& key, bool required) {
    m_known.push_back(key);
    if (!m_valid) {
        return YAML::Node(YAML::NodeType::Null);
    }
    YAML::Node child = m_node[key];
    if ((!child.IsDefined() || child.IsNull()) && required) {
        problem(key, "is required");
    }
    return child.IsDefined() ? child : YAML::Node(YAML::NodeType::Null);
}

std::optional<std::string> YamlMap::string(const std::string& key, bool required) {
    YAML::Node child = node(key, required);
    if (child.IsNull()) {
        return std::nullopt;
    }
    return scalar_text(child, child_path(key), m_env, m_problems);
}

std::optional<std::int64_t> YamlMap::integer(const std::string& key, std::int64_t minimum) {
    auto text = string(key);
    if (!text) {
        return std::nullopt;
    }
    Poco::Int64 value = 0;
    if (!Poco::NumberParser::tryParse64(*text, value) || value < minimum) {
        problem(key, (minimum == 1 ? std::string("must be a positive integer")
                                   : "must be an integer of at least " + std::to_string(minimum)) +
                         ", not '" + *text + "'");
        return std::nullopt;
    }
    return value;
}

std::optional<std::string> YamlMap::one_of(const std::string& key,
                                           const std::vector<std::string>& allowed, bool required) {
    auto text = string(key, required);
    if (text && std::find(allowed.begin(), allowed.end(), *text) == allowed.end()) {
        std::string list;
        for (const auto& choice : allowed) {
            list += (list.empty() ? "" : ", ") + choice;
        }
        problem(key,
                "must be one of " + list + ", not '" + *text + "'" + did_you_mean(*text, allowed));
        return std::nullopt;
    }
    return text;
}

std::optional<bool> YamlMap::boolean(const std::string& key) {
    const auto text = one_of(key, {"true", "false"});
    return text ? std::optional<bool>(*text == "true") : std::nullopt;
}

std::optional<YamlMap> YamlMap::block(const std::string& key) {
    const YAML::Node child = node(key);
    if (child.IsNull()) {
        return std::nullopt;
    }
    YamlMap map(child, child_path(key), m_env, m_problems);
    return map.valid() ? std::optional<YamlMap>(std::move(map)) : std::nullopt;
}

void YamlMap::finish() {
    if (!m_valid) {
        return;
    }
    for (const auto& entry : m_node) {
        const std::string key = entry.first.as<std::string>("");
        if (std::find(m_known.begin(), m_known.end(), key) == m_known.end()) {
            problem(key, "unknown key" + did_you_mean(key, m_known));
        }
    }
}

}  // namespace apirunner
