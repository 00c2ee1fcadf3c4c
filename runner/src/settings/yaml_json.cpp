#include "settings/yaml_json.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/NumberParser.h>

#include <regex>
#include <sstream>

namespace apirunner {
namespace {

// YAML 1.2 core schema: https://yaml.org/spec/1.2.2/#1032-tag-resolution
Poco::Dynamic::Var typed_scalar(const std::string& text) {
    static const std::regex integer("[-+]?[0-9]+");
    static const std::regex decimal(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
    if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
        return Poco::Dynamic::Var();
    }
    if (text == "true" || text == "True" || text == "TRUE") {
        return true;
    }
    if (text == "false" || text == "False" || text == "FALSE") {
        return false;
    }
    Poco::Int64 whole = 0;
    if (std::regex_match(text, integer) && Poco::NumberParser::tryParse64(text, whole)) {
        return whole;
    }
    double number = 0;
    if (std::regex_match(text, decimal) && Poco::NumberParser::tryParseFloat(text, number)) {
        return number;
    }
    return text;
}

// yaml-cpp registers an anchor before reading what it names, so `&b {a: *b}` is a node that
// holds itself: the depth cap turns it (and any absurd nesting) into a problem, not a crash.
constexpr int k_max_depth = 64;

class Converter {
  public:
    Converter(const EnvLookup& env, ConfigProblems& problems) : m_env(env), m_problems(problems) {}

    std::optional<Poco::Dynamic::Var> value(const YAML::Node& node, const std::string& path,
                                            int depth = 0) {
        if (depth > k_max_depth) {
            return refuse(path, "nests deeper than " + std::to_string(k_max_depth) +
                                    " levels (an alias to itself?)");
        }
        if (node.IsMap()) {
            return object(node, path, depth);
        }
        if (node.IsSequence()) {
            Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
            for (std::size_t i = 0; i < node.size(); ++i) {
                auto element = value(node[i], path + "[" + std::to_string(i) + "]", depth + 1);
                if (!element) {
                    return std::nullopt;
                }
                array->add(*element);
            }
            return Poco::Dynamic::Var(array);
        }
        if (node.IsNull()) {
            return Poco::Dynamic::Var();
        }
        return scalar(node, path);
    }

  private:
    std::optional<Poco::Dynamic::Var> refuse(const std::string& path, const std::string& why) {
        m_problems.push_back({path, why});
        return std::nullopt;
    }

    std::optional<Poco::Dynamic::Var> object(const YAML::Node& node, const std::string& path,
                                             int depth) {
        Poco::JSON::Object::Ptr object = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        for (const auto& entry : node) {
            if (!entry.first.IsScalar()) {
                return refuse(path, "has a key that is not text");
            }
            const std::string key = entry.first.Scalar();
            if (key == "<<") {
                return refuse(path + ".<<", "merge keys are not read: write the keys out");
            }
            if (object->has(key)) {
                return refuse(path + "." + key, "is given twice");
            }
            auto member = value(entry.second, path + "." + key, depth + 1);
            if (!member) {
                return std::nullopt;
            }
            object->set(key, *member);
        }
        return Poco::Dynamic::Var(object);
    }

    // A quoted or !!str scalar, and one that takes a ${VAR} (whose value may be "00123"), stay
    // text; a plain one is typed.
    std::optional<Poco::Dynamic::Var> scalar(const YAML::Node& node, const std::string& path) {
        auto text = scalar_text(node, path, m_env, m_problems);
        if (!text) {
            return std::nullopt;
        }
        const std::string& tag = node.Tag();
        const bool text_only = tag == "!" || tag == "tag:yaml.org,2002:str" ||
                               node.Scalar().find("${") != std::string::npos;
        return text_only ? Poco::Dynamic::Var(*text) : typed_scalar(*text);
    }

    const EnvLookup& m_env;
    ConfigProblems& m_problems;
};

}  // namespace

std::optional<std::string> yaml_as_json(const YAML::Node& node, const std::string& path,
                                        const EnvLookup& env, ConfigProblems& problems) {
    auto value = Converter(env, problems).value(node, path);
    if (!value) {
        return std::nullopt;
    }
    std::ostringstream text;
    Poco::JSON::Stringifier::stringify(*value, text);
    return text.str();
}

}  // namespace apirunner
