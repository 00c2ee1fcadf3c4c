// What changed between two versions of a jobs file, as the daemon reports it on SIGHUP:
// "job 'orgs': schedule '0 2 * * *' -> '0 3 * * *'", "job 'users' added", ...
#pragma once

#include "config/jobs_config.hpp"

#include <string>
#include <vector>

namespace apirunner {

// One line a change: max_parallel_jobs, providers (named, never their values), then jobs in the
// file order of `after` (removed ones last); empty when none.
std::vector<std::string> config_changes(const JobsConfig& before, const JobsConfig& after);

}  // namespace apirunner
