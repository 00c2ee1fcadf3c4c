// How a job's run reads to its user: "job orgs: ok, 250 records, 3 pages, 0.41 s" with its
// outputs and the audit's warnings below, or "job 'orgs' failed (bad data from provider): ...".
// What `run` prints and the daemon prints after each run.
#pragma once

#include "cli/cli_options.hpp"
#include "extract/job_runner.hpp"

#include <ostream>

namespace apirunner {

// The failure line goes to `err` (after "apirunner: "), the rest to `out`; with --quiet, only
// the failure line and the warnings.
void print_job_summary(const JobResult& result, const CliOptions& options, std::ostream& out,
                       std::ostream& err);

}  // namespace apirunner
