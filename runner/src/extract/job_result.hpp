// What a run is asked to do (RunOptions) and what it did (JobResult), as the summaries, the
// report, the metrics and the run history read it.
#pragma once

#include "extract/progress.hpp"
#include "incremental/incremental_run.hpp"
#include "state/state_db.hpp"

#include <apirunner/error.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace apirunner {

struct RunOptions {
    bool full_refresh = false;             // a checkpoint left by an earlier run is discarded
    ProgressListener* progress = nullptr;  // told after each page, when given
    RangeRequest range = {};               // --since/--until of an incremental job
};

struct JobResult {
    std::string job;
    std::string run_id;
    std::string status;      // ok | failed | stopped (by a signal), as history keeps it
    std::string started_at;  // ISO 8601 UTC, to the microsecond, as history keeps it
    std::string ended_at;
    std::optional<ErrorKind> failure;  // nothing when the job succeeded
    std::string error;
    std::int64_t records = 0;  // of the whole run, pages before a resume included
    std::int64_t pages = 0;
    std::int64_t retries = 0;          // these three count this process's requests only
    std::int64_t refreshes = 0;        // session renewals
    std::int64_t bytes = 0;            // response bodies
    std::int64_t resumed_from = 0;     // the pages an earlier process had checkpointed
    std::int64_t resumed_records = 0;  // and their records
    double seconds = 0;
    std::vector<std::string> outputs;
    std::vector<std::string> doubts;  // from the integrity audit
    // An incremental job's bookmark when the run began and when it ended ("" for none).
    bool incremental = false;
    std::string bookmark_before;
    std::string bookmark_after;
};

// The result as the run history keeps it.
RunRecord run_record(const JobResult& result);

}  // namespace apirunner
