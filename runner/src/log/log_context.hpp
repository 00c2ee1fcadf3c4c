// Which job the current thread is working for, for the log lines written meanwhile. A job runs
// on several threads: the one that writes its pages (run's main thread, or a daemon thread of
// its own), the one that fetches them (extract/fetching_thread), and with `paging.concurrency`
// one a request in flight. Each sets its own context (thread-local, so no locking), and the
// provider calls made on it carry the job too, so the plugins' lines are tagged with it.
#pragma once

#include <string>

namespace apirunner {

struct LogContext {
    std::string job;
    std::string provider;
    std::string run_id;
};

// The calling thread's context: empty outside a job.
const LogContext& log_context();

// Adds the run, once known, to the calling thread's context.
void set_log_run_id(const std::string& run_id);

// Sets the calling thread's context for its lifetime and restores the one before.
class JobLogScope {
  public:
    JobLogScope(const std::string& job, const std::string& provider);
    ~JobLogScope();
    JobLogScope(const JobLogScope&) = delete;
    JobLogScope& operator=(const JobLogScope&) = delete;

  private:
    LogContext m_before;
};

}  // namespace apirunner
