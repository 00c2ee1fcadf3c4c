// One run of one job, from taking up what an earlier run left to publishing the outputs. The
// paginator, the outputs, the checkpoint and the counts live here for the run's length, and each
// step of the walk is a method: take up, transfer the pages (each stored, checkpointed at most
// once a second), audit, publish. JobRunner makes one per run and turns its failure into a result.
// Used by one thread, the job's; the fetching thread it starts touches only the paginator (until
// it is joined), its clients and the page queue.
#pragma once

#include "config/jobs_config.hpp"
#include "extract/job_outputs.hpp"
#include "extract/job_result.hpp"
#include "extract/page_fetcher.hpp"
#include "http/rate_limiter.hpp"
#include "log/console_logger.hpp"
#include "paging/paginator.hpp"
#include "plugins/session_pool.hpp"
#include "state/state_db.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace apirunner {

// What every run of a runner shares.
struct RunContext {
    const JobsConfig& config;
    SessionPool& sessions;
    StateDb* state;  // null for a dry run: the first page only, nothing written, no checkpoint
    RateLimiters& limiters;
    ConsoleLogger& logger;
    // Where a dry run reads the stored bookmarks: the state database when it exists, else null.
    StateDb* bookmarks = nullptr;
};

class JobRun {
  public:
    // `result` receives the run id and the counts as they grow, so a failure still tells them.
    JobRun(const RunContext& context, const JobSpec& job, const RunOptions& options,
           JobResult& result);

    // Throws Error when the run fails; a run that fails after some pages keeps its checkpoint
    // and its outputs' pages for the next run, one that fails before keeps nothing.
    void execute();

  private:
    bool dry_run() const { return m_context.state == nullptr; }
    // The checkpoint to go on from: an earlier run's, taken up, or a new run's.
    void take_up();
    void transfer_pages();
    std::vector<std::unique_ptr<AuthorizedClient>> make_clients(
        const PageQueue<FetchedPage>& queue);
    void store(const FetchedPage& fetched);
    // Checkpoints the pages stored when none was made by this process yet or a second passed.
    void checkpoint_if_due();
    void checkpoint();
    void count_calls(const std::vector<std::unique_ptr<AuthorizedClient>>& clients);
    void audit();
    void tell_progress(const Totals& totals) const;
    // An incremental job's range for a new run, from its bookmark and what was asked.
    void plan_range();
    // The job's bookmark as the run begins (none in a dry run), told in the result.
    std::optional<std::string> bookmark_now();
    // Raises the run's highest cursor value with the page's records, warning of unreadable ones.
    void see_cursors(const FetchedPage& fetched);
    // Publishes the outputs, then drops the checkpoint and moves the bookmark together.
    void finish();

    const RunContext& m_context;
    const JobSpec& m_job;
    const RunOptions& m_options;
    JobResult& m_result;
    std::unique_ptr<Paginator> m_paginator;
    std::unique_ptr<JobOutputs> m_outputs;         // none in a dry run
    std::optional<IncrementalRun> m_incremental;   // an incremental job's range and high mark
    std::optional<std::string> m_stored_bookmark;  // as the state holds it, when the run began
    std::int64_t m_unreadable_cursors = 0;
    Checkpoint m_checkpoint;
    std::int64_t m_checkpointed_pages = 0;  // what the latest saved checkpoint counts
    std::optional<std::chrono::steady_clock::time_point> m_checkpointed_at;  // by this process
    std::chrono::steady_clock::time_point m_started;
};

}  // namespace apirunner
