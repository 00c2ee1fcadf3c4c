// Turns a page's body into records: parses the JSON, finds the record list at the job's path,
// and keeps each record with its JSON text.
#pragma once

#include "sinks/sink.hpp"

#include <Poco/Dynamic/Var.h>

#include <string>
#include <vector>

namespace apirunner {

struct ParsedPage {
    Poco::Dynamic::Var body;
    std::vector<Record> records;
};

// Throws Error(bad_data) saying what is wrong: not JSON (a truncated or HTML answer), no list
// at `records_path`, or an element that is not an object.
ParsedPage parse_page(const std::string& body, const std::string& records_path);

}  // namespace apirunner
