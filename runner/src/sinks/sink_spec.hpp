// The sinks and outputs of the jobs file as the loader read them: a sink (`sinks.NAME`) is a
// place of a registered type (sinks/sink_type.hpp) with that type's settings; an output is where
// one job writes into a sink, with a mode and the type's output settings.
#pragma once

#include "settings/field_table.hpp"

#include <string>

namespace apirunner {

struct SinkType;

enum class OutputMode { append, replace, merge };

const char* to_string(OutputMode mode);
const std::vector<std::string>& output_mode_names();  // in the order of the enum

struct SinkSpec {
    std::string name;
    const SinkType* type = nullptr;  // from the registry
    FieldValues fields;              // the type's settings (paths already absolute)
};

struct OutputSpec {
    std::string sink;
    OutputMode mode = OutputMode::append;
    FieldValues fields;  // the sink type's output settings, for the job they belong to
};

// What a sink needs to know of the job whose records it takes.
struct RecordShape {
    std::string primary_key;    // "" when the job names none
    std::string record_schema;  // absolute path of a JSON Schema, or ""
};

}  // namespace apirunner
