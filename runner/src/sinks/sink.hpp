// Where a job's records go. A sink takes the records page by page; a page is durable when
// write_page returns, and the output becomes visible in full at finish (JSON files are renamed
// into place, replaced tables swapped), or is left as it was on abort.
#pragma once

#include "config/jobs_config.hpp"

#include <Poco/JSON/Object.h>

#include <memory>
#include <string>
#include <vector>

namespace apirunner {

struct Record {
    Poco::JSON::Object::Ptr object;
    std::string json;  // the record as the provider sent it, re-serialised once
};

struct RunInfo {
    std::string job;
    std::string run_id;
    std::string extracted_at;  // ISO 8601, UTC
    std::string date;          // YYYY-MM-DD, UTC, for {date} in paths
};

class Sink {
public:
    virtual ~Sink() = default;
    virtual void write_page(const std::vector<Record>& records) = 0;
    virtual void finish() = 0;
    virtual void abort() noexcept = 0;
    // Where the records went, for the run summary.
    virtual std::string describe() const = 0;
};

// Throws Error(config) when the output cannot be opened.
std::unique_ptr<Sink> make_sink(const SinkSpec& sink, const OutputSpec& output, const JobSpec& job,
                                const RunInfo& run);

}  // namespace apirunner
