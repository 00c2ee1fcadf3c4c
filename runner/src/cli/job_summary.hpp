// How a job's run reads to its user: "job orgs: ok, 250 records, 3 pages, 0.41 s" with its
// outputs and the audit's warnings below, or "job 'orgs' failed (bad data from provider): ...".
// What `run` prints and the daemon prints after each run.
#pragma once

#include "extract/job_runner.hpp"

#include <ostream>

namespace apirunner {

// The failure line goes to `err` (after "apirunner: "), the rest to `out`.
void print_job_summary(const JobResult& result, bool dry_run, std::ostream& out, std::ostream& err);

}  // namespace apirunner
