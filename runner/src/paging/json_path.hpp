// Paths into a JSON page, as the jobs file names them (README, "Paths"):
//   meta.total_count        keys between dots; empty steps are left out ("meta..total")
//   data[0].id, data[-1].id array positions, counted from the end when negative
//   ["@odata.nextLink"]     a key in brackets and quotes ("" or ''), for keys with dots,
//                           brackets or quotes; \" \' and \\ escape inside them
//   "" or $                 the root itself; "$." may begin any path
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apirunner {

using JsonValue = simdjson::dom::element;

class JsonPath {
  public:
    struct Step {
        std::string key;                    // when index is unset
        std::optional<std::int64_t> index;  // an array position; negative counts from the end
        bool operator==(const Step& other) const {
            return key == other.key && index == other.index;
        }
    };

    JsonPath() = default;  // the root
    // Throws std::invalid_argument saying what is wrong and where.
    static JsonPath parse(std::string_view text);
    // What is wrong with `text` as a path, or nothing (for the jobs file's checks).
    static std::optional<std::string> problem(std::string_view text);
    // The syntax as a regular expression, for the JSON Schema (positions are not range-checked).
    static const char* pattern();

    const std::vector<Step>& steps() const { return m_steps; }
    const std::string& text() const { return m_text; }  // as written
    bool is_root() const { return m_steps.empty(); }
    bool counts_from_end() const;

  private:
    std::vector<Step> m_steps;
    std::string m_text;
};

// The path as a JSON Pointer (RFC 6901): "meta.data" is "/meta/data", "" is "". A position
// counted from the end has no pointer: std::logic_error.
std::string json_pointer(const JsonPath& path);

// The value at `path`, or nothing when a step is missing: a key of a non-object, a position
// of a non-array or past either end.
std::optional<JsonValue> find_path(JsonValue root, const JsonPath& path);
// The same inside a record (an object); nothing for the root path, which is no field of it.
std::optional<JsonValue> find_path(const simdjson::dom::object& root, const JsonPath& path);

// A count: an integer, or a string holding one ("250"). Nothing when absent, null or not a
// non-negative whole number.
std::optional<std::int64_t> as_count(const std::optional<JsonValue>& value);

// The same of a text (a string in the body, a header's value): "250", " 7 ".
std::optional<std::int64_t> count_text(std::string_view text);

// A position the provider gave (a cursor, a URL) as text: a string as it is, a number as JSON
// writes it. Nothing when absent, empty, null, a boolean, an object or an array.
std::optional<std::string> position_text(const std::optional<JsonValue>& value);

}  // namespace apirunner
