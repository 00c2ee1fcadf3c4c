// The settings one piece of the jobs file takes (a paging kind, a sink type, an output), as a
// table (Fluent Bit's config map): each row a name, a type, a default, whether it is required,
// whether it moves a saved position, and a description. One table serves reading the file
// (problems with their paths and "did you mean"), the job fingerprint and the JSON Schema.
#pragma once

#include "settings/yaml_map.hpp"

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace apirunner {

enum class FieldType {
    text,     // a string
    integer,  // a whole number from `minimum` to `maximum`
    flag,     // true or false
    choice,   // one of `choices`
    path,     // a file path, taken from the jobs file's folder when relative
};

struct FieldSpec {
    FieldSpec(std::string name, FieldType type, std::string description,
              std::optional<std::string> default_text = std::nullopt)
        : name(std::move(name)),
          type(type),
          description(std::move(description)),
          default_text(std::move(default_text)) {}

    std::string name;
    FieldType type;
    std::string description;
    std::optional<std::string> default_text;  // as it would be written in the file
    bool required = false;
    std::int64_t minimum = 1;
    std::optional<std::int64_t> maximum;
    std::vector<std::string> choices;
    // For a text: what is wrong with a value (said after the setting's path), or nothing; and
    // the JSON Schema `pattern` that tells editors the same, where a regular expression can.
    std::function<std::optional<std::string>(const std::string&)> check;
    std::string pattern;
    // Part of the job fingerprint: a run left unfinished under another value starts over, since
    // its saved position (or its output) means something else now. False for a setting such as
    // a page cap or a concurrency, which changes how a walk goes, not where it stands.
    bool moves_position = true;
};

using FieldTable = std::vector<FieldSpec>;
using FieldValue = std::variant<std::string, std::int64_t, bool>;

// The values a table read from the file, typed, with defaults filled in. text() of a name
// that holds nothing is ""; integer() and flag() of one are a programming error
// (std::logic_error), and so is asking a value for the wrong type (std::bad_variant_access).
class FieldValues {
  public:
    bool has(const std::string& name) const { return m_values.count(name) != 0; }
    // A text, choice or path; "" when the file gave none and there is no default.
    const std::string& text(const std::string& name) const;
    std::int64_t integer(const std::string& name) const;
    std::optional<std::int64_t> integer_if(const std::string& name) const;
    bool flag(const std::string& name) const;
    void set(const std::string& name, FieldValue value) { m_values[name] = std::move(value); }
    void set_text(const std::string& name, std::string text) {
        set(name, FieldValue{std::move(text)});
    }
    void set_integer(const std::string& name, std::int64_t number) {
        set(name, FieldValue{number});
    }
    void set_flag(const std::string& name, bool flag) { set(name, FieldValue{flag}); }
    const std::map<std::string, FieldValue>& all() const { return m_values; }
    // Any value as the file would write it ("25", "true", "out/x.db").
    std::string shown(const std::string& name) const;

  private:
    std::map<std::string, FieldValue> m_values;
};

const FieldSpec* find_field(const FieldTable& table, const std::string& name);

// The defaults of `table` alone.
FieldValues default_fields(const FieldTable& table);

// Reads every row of `table` from `map` (each key then counts as known to map.finish()).
// Relative paths are taken from `base_dir`.
FieldValues read_fields(YamlMap& map, const FieldTable& table, const std::string& base_dir);

// "name=value" lines of the rows that move a position, in table order, for the job fingerprint.
std::string fingerprint_text(const FieldTable& table, const FieldValues& values);

// The table as JSON Schema `properties` (an integer may also be a whole ${VAR}), and the
// names it requires.
Poco::JSON::Object::Ptr schema_properties(const FieldTable& table);
std::vector<std::string> required_fields(const FieldTable& table);

// `path` from `base_dir` when it is relative.
std::string absolute_path(const std::string& base_dir, const std::string& path);

}  // namespace apirunner
