// What the runs of each job added up to, in the Prometheus text format: served by
// `daemon --metrics-port` and written by `run --metrics-file` for node-exporter's textfile
// collector. Safe to record from several job threads at once.
#pragma once

#include "extract/job_runner.hpp"
#include "schedule/instant.hpp"

#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace apirunner {

class RunMetrics {
  public:
    void record(const JobResult& result, Instant ended);
    std::string text() const;
    // Writes text() to `path` through a temporary file and a rename, so a collector never reads
    // half of it. Throws Error(config) naming the path.
    void write_file(const std::string& path) const;

  private:
    struct JobFigures {
        std::int64_t runs_ok = 0;
        std::int64_t runs_failed = 0;
        std::int64_t records = 0;
        std::int64_t pages = 0;
        std::int64_t retries = 0;
        std::int64_t refreshes = 0;
        std::int64_t bytes = 0;
        double last_duration = 0;
        std::int64_t last_success = 0;         // Unix seconds; 0 for never
        std::optional<std::int64_t> bookmark;  // an incremental job's time bookmark, Unix seconds
    };

    mutable std::mutex m_mutex;
    std::map<std::string, JobFigures> m_jobs;
};

}  // namespace apirunner
