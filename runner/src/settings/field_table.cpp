#include "settings/field_table.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/Path.h>

#include <stdexcept>

namespace apirunner {
namespace {

const FieldValue& value_of(const std::map<std::string, FieldValue>& values,
                           const std::string& name) {
    const auto found = values.find(name);
    if (found == values.end()) {
        throw std::logic_error("no setting '" + name + "' was read");
    }
    return found->second;
}

FieldValue parse_default(const FieldSpec& spec) {
    const std::string& text = *spec.default_text;
    switch (spec.type) {
        case FieldType::integer:
            return std::int64_t{std::stoll(text)};
        case FieldType::flag:
            return text == "true";
        default:
            return text;
    }
}

std::optional<FieldValue> read_one(YamlMap& map, const FieldSpec& spec,
                                   const std::string& base_dir) {
    switch (spec.type) {
        case FieldType::text:
        case FieldType::path:
            if (auto text = map.string(spec.name, spec.required)) {
                if (spec.required && text->empty()) {  // "" or a ${VAR:-} that came out empty
                    map.problem(spec.name, "must not be empty");
                    break;
                }
                if (auto wrong = spec.check ? spec.check(*text) : std::nullopt) {
                    map.problem(spec.name, *wrong);
                    break;
                }
                return FieldValue{spec.type == FieldType::path ? absolute_path(base_dir, *text)
                                                               : *text};
            }
            break;
        case FieldType::choice:
            if (auto text = map.one_of(spec.name, spec.choices, spec.required)) {
                return FieldValue{*text};
            }
            break;
        case FieldType::flag:
            if (auto flag = map.boolean(spec.name)) {
                return FieldValue{*flag};
            }
            break;
        case FieldType::integer:
            if (auto number = map.integer(spec.name, spec.minimum)) {
                if (spec.maximum && *number > *spec.maximum) {
                    map.problem(spec.name, "is at most " + std::to_string(*spec.maximum));
                    return std::nullopt;
                }
                return FieldValue{*number};
            }
            break;
    }
    return std::nullopt;
}

std::string value_text(const FieldValue& value) {
    if (const auto* number = std::get_if<std::int64_t>(&value)) {
        return std::to_string(*number);
    }
    if (const auto* flag = std::get_if<bool>(&value)) {
        return *flag ? "true" : "false";
    }
    return std::get<std::string>(value);
}

Poco::JSON::Object::Ptr property_of(const FieldSpec& spec) {
    Poco::JSON::Object::Ptr property = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    switch (spec.type) {
        case FieldType::text:
        case FieldType::path:
            property->set("type", "string");
            if (!spec.pattern.empty()) {
                property->set("pattern", spec.pattern);
            }
            break;
        case FieldType::flag:
            property->set("type", "boolean");
            break;
        case FieldType::choice: {
            Poco::JSON::Array::Ptr choices = new Poco::JSON::Array;
            for (const auto& choice : spec.choices) {
                choices->add(choice);
            }
            property->set("enum", choices);
            break;
        }
        case FieldType::integer: {
            Poco::JSON::Object::Ptr number = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            number->set("type", "integer");
            number->set("minimum", spec.minimum);
            if (spec.maximum) {
                number->set("maximum", *spec.maximum);
            }
            Poco::JSON::Object::Ptr variable = new Poco::JSON::Object;
            variable->set("$ref", "#/$defs/env_reference");
            Poco::JSON::Array::Ptr any_of = new Poco::JSON::Array;
            any_of->add(number);
            any_of->add(variable);
            property->set("anyOf", any_of);
            break;
        }
    }
    std::string description = spec.description;
    if (spec.default_text) {
        description +=
            " Default " + (spec.default_text->empty() ? "\"\"" : *spec.default_text) + ".";
    }
    property->set("description", description);
    return property;
}

}  // namespace

const std::string& FieldValues::text(const std::string& name) const {
    static const std::string none;
    const auto found = m_values.find(name);
    return found == m_values.end() ? none : std::get<std::string>(found->second);
}

std::int64_t FieldValues::integer(const std::string& name) const {
    return std::get<std::int64_t>(value_of(m_values, name));
}

std::optional<std::int64_t> FieldValues::integer_if(const std::string& name) const {
    return has(name) ? std::optional<std::int64_t>(integer(name)) : std::nullopt;
}

std::string FieldValues::shown(const std::string& name) const {
    const auto found = m_values.find(name);
    return found == m_values.end() ? "" : value_text(found->second);
}

bool FieldValues::flag(const std::string& name) const {
    return std::get<bool>(value_of(m_values, name));
}

const FieldSpec* find_field(const FieldTable& table, const std::string& name) {
    for (const auto& spec : table) {
        if (spec.name == name) {
            return &spec;
        }
    }
    return nullptr;
}

FieldValues default_fields(const FieldTable& table) {
    FieldValues values;
    for (const auto& spec : table) {
        if (spec.default_text) {
            values.set(spec.name, parse_default(spec));
        }
    }
    return values;
}

FieldValues read_fields(YamlMap& map, const FieldTable& table, const std::string& base_dir) {
    FieldValues values = default_fields(table);
    for (const auto& spec : table) {
        if (auto value = read_one(map, spec, base_dir)) {
            values.set(spec.name, std::move(*value));
        }
    }
    return values;
}

std::string fingerprint_text(const FieldTable& table, const FieldValues& values) {
    std::string text;
    for (const auto& spec : table) {
        if (spec.moves_position) {
            text += spec.name + "=" + values.shown(spec.name) + "\n";
        }
    }
    return text;
}

Poco::JSON::Object::Ptr schema_properties(const FieldTable& table) {
    Poco::JSON::Object::Ptr properties = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& spec : table) {
        properties->set(spec.name, property_of(spec));
    }
    return properties;
}

std::vector<std::string> required_fields(const FieldTable& table) {
    std::vector<std::string> names;
    for (const auto& spec : table) {
        if (spec.required) {
            names.push_back(spec.name);
        }
    }
    return names;
}

std::string absolute_path(const std::string& base_dir, const std::string& path) {
    Poco::Path p(path);
    if (p.isAbsolute()) {
        return p.toString();
    }
    Poco::Path base(base_dir);
    base.makeDirectory();  // "/jobs" is the folder, not a file in "/"
    return base.resolve(p).toString();
}

}  // namespace apirunner
