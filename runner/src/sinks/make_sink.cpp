#include "sinks/jsonl_sink.hpp"
#include "sinks/sqlite_sink.hpp"

namespace apirunner {

std::unique_ptr<Sink> make_sink(const SinkSpec& sink, const OutputSpec& output, const JobSpec& job,
                                const RunInfo& run) {
    if (sink.type == "sqlite") {
        return std::make_unique<SqliteSink>(sink, output, job, run);
    }
    return std::make_unique<JsonlSink>(sink, output, run);
}

}  // namespace apirunner
