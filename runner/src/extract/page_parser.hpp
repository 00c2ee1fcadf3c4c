// Turns a page's body into records: parses the JSON (simdjson, no tree of heap objects), finds
// the record list at the job's path, and keeps each record with its JSON text: a slice of the
// page, minified, as the provider wrote it.
#pragma once

#include "paging/json_path.hpp"
#include "sinks/sink.hpp"

#include <memory>
#include <string>
#include <vector>

namespace apirunner {

// A parsed page. `body` and `records` point into `storage`, which moves with the page.
struct ParsedPage {
    struct Storage {
        std::string text;                  // the page without spaces between tokens, padded
        simdjson::dom::document document;  // the parsed page: its tape and strings
    };
    std::unique_ptr<Storage> storage;
    JsonValue body;
    std::vector<Record> records;
};

// Throws Error(bad_data) saying what is wrong: not JSON (a truncated or HTML answer), no list
// at `records_path`, or an element that is not an object.
ParsedPage parse_page(const std::string& body, const JsonPath& records_path);

}  // namespace apirunner
