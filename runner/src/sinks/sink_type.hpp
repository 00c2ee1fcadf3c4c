// A sink type (`sinks.NAME.type`): its settings table, the settings of an output that writes
// into it, the modes it takes, and the sink it makes. Each type lives in its own files and is
// registered by one line in sinks/sink_registry.cpp; the loader, the job fingerprint, the export
// and the generated part of schemas/jobs.schema.json all ask the registry.
#pragma once

#include "sinks/sink.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace apirunner {

struct SinkType {
    std::string name;
    std::string description;
    FieldTable fields;  // under sinks.NAME, besides `type`
    FieldTable
        output_fields;  // under an output into a sink of this type, besides `sink` and `mode`
    std::vector<OutputMode> modes;
    // Fills in an output setting whose default depends on the job (a table named after it).
    std::function<void(OutputSpec& output, const std::string& job)> complete;
    // Throws Error(config) when the output cannot be opened.
    std::function<std::unique_ptr<Sink>(const SinkSpec&, const OutputSpec&, const RecordShape&,
                                        const RunInfo&)>
        make;
    // The files the sink writes (absolute; they may hold {job}, {date}, {run_id}): what
    // `export kubernetes` must give the pod room for.
    std::function<std::vector<std::string>(const SinkSpec&)> files;
};

// The registry: every type, in the order the schema and messages list them.
const std::vector<SinkType>& sink_types();
const SinkType* find_sink_type(const std::string& name);
std::vector<std::string> sink_type_names();

bool takes_mode(const SinkType& type, OutputMode mode);

}  // namespace apirunner
