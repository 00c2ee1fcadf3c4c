// Records as JSON Lines, one record a line, written to a temporary file beside the target and
// renamed into place at finish: a reader sees the whole file or the one before it.
//   replace  the file holds this run's records;
//   append   the file holds what it held plus this run's records.
#pragma once

#include "sinks/sink.hpp"

#include <fstream>

namespace apirunner {

// {job}, {date} and {run_id} in a path, filled in.
std::string expand_path_template(const std::string& pattern, const RunInfo& run);

class JsonlSink : public Sink {
public:
    JsonlSink(const SinkSpec& sink, const OutputSpec& output, const RunInfo& run);
    ~JsonlSink() override;

    void write_page(const std::vector<Record>& records) override;
    void finish() override;
    void abort() noexcept override;
    std::string describe() const override;

private:
    std::string m_path;
    std::string m_temporary;
    std::ofstream m_out;
};

}  // namespace apirunner
