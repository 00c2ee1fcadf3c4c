// Where a job's records go. A sink's life: start() a new run or resume() one a checkpoint left,
// write_page() for each page (durable once sync() returns), then finish(): the output becomes
// visible in full (JSON files renamed into place, replaced tables swapped in). discard() undoes
// the run instead. A sink destroyed without either keeps what it wrote, for a later resume.
#pragma once

#include "sinks/sink_spec.hpp"

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apirunner {

// One record of a page, pointing into the page that holds it (extract/page_parser.hpp).
struct Record {
    simdjson::dom::object object;
    std::string_view json;  // the record as the provider sent it, without the spaces
};

struct RunInfo {
    std::string job;
    std::string run_id;
    std::string extracted_at;  // ISO 8601, UTC
    std::string date;          // YYYY-MM-DD, UTC, for {date} in paths
};

// What a checkpoint holds of one sink.
struct SinkCheckpoint {
    std::string position;    // what position() said after the checkpoint's last page
    std::int64_t pages = 0;  // how many pages the checkpoint covers
    bool finishing = false;  // every page was written; finish() may have run in part
};

class Sink {
  public:
    virtual ~Sink() = default;
    virtual void start() = 0;
    // False when the output no longer holds what the checkpoint says (a file deleted since).
    virtual bool resume(const SinkCheckpoint& checkpoint) = 0;
    // `page` counts from 1. A page the sink already holds is skipped: the process that wrote
    // it was killed before its checkpoint, and the page was fetched again.
    virtual void write_page(const std::vector<Record>& records, std::int64_t page) = 0;
    // Makes every page written so far durable: a checkpoint counts only what is on disk.
    virtual void sync() = 0;
    // Where the sink stands after the last page, for the checkpoint ("" when it keeps its own).
    virtual std::string position() const = 0;
    virtual void finish() = 0;
    virtual void discard() noexcept = 0;
    // How many different primary keys this run wrote, when the sink can tell.
    virtual std::optional<std::int64_t> distinct_keys() { return std::nullopt; }
    // Where the records went, for the run summary.
    virtual std::string describe() const = 0;
};

// The sink of the output's type (sinks/sink_type.hpp). Throws Error(config) when the output
// cannot be opened.
std::unique_ptr<Sink> make_sink(const SinkSpec& sink, const OutputSpec& output,
                                const RecordShape& shape, const RunInfo& run);

}  // namespace apirunner
