// Typed SQLite columns from a record's JSON Schema (schemas/records/<provider>/<endpoint>.json):
// each top-level property of a scalar type becomes a column; the whole record stays as JSON too.
#pragma once

#include <string>
#include <vector>

namespace apirunner {

struct Column {
    std::string name;
    std::string sql_type;  // INTEGER | REAL | TEXT
};

// Throws Error(config) naming the file when it is not a JSON Schema with properties.
std::vector<Column> columns_from_schema(const std::string& path);

// How a JSON value is stored in a column: text SQLite converts by the column's affinity.
std::string sql_type_of_json_type(const std::string& json_type);

}  // namespace apirunner
