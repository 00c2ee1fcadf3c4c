// Runs one job: walks its pages through the provider's session, hands each page to every output
// and checkpoints it, so that a run that dies resumes where it stopped. Memory holds one page.
#pragma once

#include "config/jobs_config.hpp"
#include "extract/job_outputs.hpp"
#include "extract/page_fetcher.hpp"
#include "extract/progress.hpp"
#include "http/rate_limiter.hpp"
#include "log/console_logger.hpp"
#include "paging/paginator.hpp"
#include "plugins/session_pool.hpp"
#include "state/state_db.hpp"

#include <apirunner/error.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace apirunner {

struct RunOptions {
    bool dry_run = false;                  // the first page only, nothing written, no checkpoint
    bool full_refresh = false;             // a checkpoint left by an earlier run is discarded
    ProgressListener* progress = nullptr;  // told after each page, when given
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
};

// The result as the run history keeps it.
RunRecord run_record(const JobResult& result);

class JobRunner {
  public:
    // `state` is null for dry runs.
    // `limiters` holds the providers' request budgets, shared with the process's other runners.
    JobRunner(const JobsConfig& config, SessionPool& sessions, StateDb* state,
              RateLimiters& limiters, ConsoleLogger& logger);

    // Never throws: a failure is in the result. A job that fails after some pages keeps its
    // checkpoint and its outputs' pages for the next run; one that fails before keeps nothing.
    JobResult run(const JobSpec& job, const RunOptions& options);

  private:
    void walk(const JobSpec& job, const RunOptions& options, JobResult& result);
    // The checkpoint to go on from: an earlier run's, taken up, or a new run's.
    Checkpoint take_up(const JobSpec& job, bool full_refresh, Paginator& paginator,
                       std::unique_ptr<JobOutputs>& outputs, JobResult& result);
    void transfer_pages(const JobSpec& job, const RunOptions& options, Paginator& paginator,
                        JobOutputs* outputs, Checkpoint& checkpoint, JobResult& result);
    void store_page(const JobSpec& job, const FetchedPage& fetched, JobOutputs* outputs,
                    Checkpoint& checkpoint, JobResult& result);
    void save_checkpoint(JobOutputs& outputs, Checkpoint& checkpoint);
    void audit(const JobSpec& job, const Paginator& paginator, JobOutputs& outputs,
               JobResult& result);

    const JobsConfig& m_config;
    SessionPool& m_sessions;
    StateDb* m_state;
    RateLimiters& m_limiters;
    ConsoleLogger& m_logger;
};

}  // namespace apirunner
