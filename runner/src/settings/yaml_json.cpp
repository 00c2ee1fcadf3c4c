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

class Converter {
  public:
    Converter(const EnvLookup& env, ConfigProblems& problems) : m_env(env), m_problems(problems) {}

    std::optional<Poco::Dynamic::Var> value(const YAML::Node& node, const std::string& path) {
        if (node.IsMap()) {
            Poco::JSON::Object::Ptr object = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            for (const auto& entry : node) {
                const std::string key = entry.first.Scalar();
                auto member = value(entry.second, path + "." + key);
                if (!member) {
                    return std::nullopt;
                }
                object->set(key, *member);
            }
            return Poco::Dynamic::Var(object);
        }
        if (node.IsSequence()) {
            Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
            for (std::size_t i = 0; i < node.size(); ++i) {
                auto element = value(node[i], path + "[" + std::to_string(i) + "]");
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
        auto text = scalar_text(node, path, m_env, m_problems);
        if (!text) {
            return std::nullopt;
        }
        const bool quoted = node.Tag() == "!";  // yaml-cpp tags a quoted scalar "!"
        return quoted ? Poco::Dynamic::Var(*text) : typed_scalar(*text);
    }

  private:
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
