// Runs one job at a time (extract/job_run does the walk): holds the job's lock, so that no two
// processes run it at once, turns whatever stops the run into a result with its kind, and keeps
// the run history. Memory holds a few pages.
#pragma once

#include "extract/job_result.hpp"
#include "extract/job_run.hpp"

namespace apirunner {

class JobRunner {
  public:
    // `context.state` is null for dry runs; `context.limiters` holds the providers' request
    // budgets, shared with the process's other runners.
    explicit JobRunner(const RunContext& context) : m_context(context) {}

    // Never throws: a failure is in the result.
    JobResult run(const JobSpec& job, const RunOptions& options);

  private:
    RunContext m_context;
};

}  // namespace apirunner
