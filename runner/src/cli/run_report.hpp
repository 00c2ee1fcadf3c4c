// The JSON report of one `apirunner run` (--report FILE), for the scheduler or CI job that
// started it: the exit code, and for each job its status, failure kind, figures, outputs and
// warnings. Written whole (temporary file and rename) whatever the run's outcome.
#pragma once

#include "extract/job_runner.hpp"
#include "state/state_db.hpp"

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace apirunner {

// A run as `history --json` prints it and as each of the report's jobs starts: run_id, job,
// started_at, ended_at, status, records, pages, retries, refreshes, bytes, error (null if none).
Poco::JSON::Object run_json(const RunRecord& run);

class RunReport {
  public:
    RunReport(std::string config_path, std::string started_at);

    void job_ran(const JobResult& result);
    void job_not_started(const std::string& job, const std::string& why);
    // The configuration was refused before any job started.
    void refused(const std::vector<std::string>& problems);

    std::string json(int exit_code, const std::string& ended_at, double seconds) const;
    // Throws Error(config) naming the file.
    void write(const std::string& path, int exit_code, const std::string& ended_at,
               double seconds) const;

  private:
    std::string m_config_path;
    std::string m_started_at;
    std::vector<JobResult> m_jobs;
    std::vector<std::string> m_problems;
};

}  // namespace apirunner
