// The outputs of one run of a job, driven together: every sink gets every page, their positions
// go into one checkpoint, and they resume, finish or are discarded as one.
#pragma once

#include "config/jobs_config.hpp"
#include "sinks/sink.hpp"
#include "state/state_db.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace apirunner {

class JobOutputs {
  public:
    // Opens every output of the job for `run`. Throws Error(config).
    JobOutputs(const JobsConfig& config, const JobSpec& job, const RunInfo& run);

    void start();
    // False when some output no longer holds what the checkpoint says.
    bool resume(const Checkpoint& checkpoint);
    void write_page(const std::vector<Record>& records, std::int64_t page);
    void sync();
    std::vector<std::string> positions() const;
    // Publishes every output; returns where each went.
    std::vector<std::string> finish();
    void discard() noexcept;
    // The fewest different primary keys any output counted for this run.
    std::optional<std::int64_t> distinct_keys();

  private:
    std::vector<std::unique_ptr<Sink>> m_sinks;
};

// The run a checkpoint belongs to.
RunInfo run_of(const Checkpoint& checkpoint);

}  // namespace apirunner
