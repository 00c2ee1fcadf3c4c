// Dot paths into a JSON page ("meta.total_count"), as the jobs file names them.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apirunner {

using JsonValue = simdjson::dom::element;

// The steps of a dot path, empty ones left out: "meta..total" is "meta", "total".
std::vector<std::string_view> path_steps(std::string_view path);

// A dot path as a JSON Pointer: "meta.data" is "/meta/data", "" is "" (the root).
std::string json_pointer(std::string_view path);

// The value at `path` ("" is the root itself), or nothing when any step is missing.
std::optional<JsonValue> find_path(JsonValue root, const std::string& path);

// A count: an integer, or a string holding one ("250"). Nothing when absent, null or not a
// non-negative whole number.
std::optional<std::int64_t> as_count(const std::optional<JsonValue>& value);

// A position the provider gave (a cursor, a URL) as text: a string as it is, a number as JSON
// writes it. Nothing when absent, empty, null, a boolean, an object or an array.
std::optional<std::string> position_text(const std::optional<JsonValue>& value);

}  // namespace apirunner
