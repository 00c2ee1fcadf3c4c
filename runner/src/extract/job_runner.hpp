// Runs one job: walks its pages through the provider's session and hands each page to every
// output sink. Memory holds one page at a time.
#pragma once

#include "config/jobs_config.hpp"
#include "plugins/session_pool.hpp"
#include "sinks/sink.hpp"

#include <apirunner/error.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace apirunner {

struct JobResult {
    std::string job;
    std::optional<ErrorKind> failure;  // nothing when the job succeeded
    std::string error;
    std::int64_t records = 0;
    std::int64_t pages = 0;
    std::int64_t retries = 0;
    double seconds = 0;
    std::vector<std::string> outputs;
    std::string drift;
};

class JobRunner {
public:
    JobRunner(const JobsConfig& config, SessionPool& sessions);

    // Never throws: a failure is in the result, and no output of the job is left half-written.
    // A dry run fetches the first page only and writes nothing.
    JobResult run(const JobSpec& job, const RunInfo& run, bool dry_run);

private:
    void walk(const JobSpec& job, const RunInfo& run, bool dry_run, JobResult& result);

    const JobsConfig& m_config;
    SessionPool& m_sessions;
};

}  // namespace apirunner
