// Live status lines on a terminal: "orgs: 1,200 of 5,000 records, 12 pages, 340 records/s, about
// 11 s left", one per running job, drawn by the Console below the log lines.
#pragma once

#include "extract/progress.hpp"

namespace apirunner {

// The line for a job's progress. The rate counts this process's records only.
std::string progress_line(const JobProgress& progress);

class ProgressLines : public ProgressListener {
  public:
    void page_done(const JobProgress& progress) override;
    void job_done(const std::string& job) override;
};

// The process's status lines when the Console draws them (stderr a terminal, no --quiet, no
// JSON logs), else null: then no line is made after each page for nobody to see.
ProgressListener* terminal_progress();

}  // namespace apirunner
