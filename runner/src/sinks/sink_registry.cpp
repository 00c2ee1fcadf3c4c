// The sink types, one line each. A new type: its files under sinks/, its line here, its tests,
// and `tests/schema/check_schemas.py jobs --write` to regenerate its part of
// schemas/jobs.schema.json (README, "Adding a paging kind or a sink type").
#include "settings/named.hpp"
#include "sinks/jsonl_sink.hpp"
#include "sinks/sqlite_sink.hpp"

#include <algorithm>

namespace apirunner {

const std::vector<SinkType>& sink_types() {
    static const std::vector<SinkType> types = {
        sqlite_sink_type(),
        jsonl_sink_type(),
    };
    return types;
}

const SinkType* find_sink_type(const std::string& name) { return find_named(sink_types(), name); }

std::vector<std::string> sink_type_names() { return names_of(sink_types()); }

std::unique_ptr<Sink> make_sink(const SinkSpec& sink, const OutputSpec& output,
                                const RecordShape& shape, const RunInfo& run) {
    return sink.type->make(sink, output, shape, run);
}

bool takes_mode(const SinkType& type, OutputMode mode) {
    return std::find(type.modes.begin(), type.modes.end(), mode) != type.modes.end();
}

const char* to_string(OutputMode mode) {
    switch (mode) {
        case OutputMode::append:
            return "append";
        case OutputMode::replace:
            return "replace";
        case OutputMode::merge:
            return "merge";
    }
    return "append";
}

const std::vector<std::string>& output_mode_names() {
    static const std::vector<std::string> names = {"append", "replace", "merge"};
    return names;
}

}  // namespace apirunner
