// What a job's checkpoint is only valid for: the same provider, requests, paging and outputs.
// Hashed, since request parameters may hold values the state database should not keep in clear.
#pragma once

#include "config/jobs_config.hpp"

#include <string>

namespace apirunner {

std::string job_fingerprint(const JobsConfig& config, const JobSpec& job);

}  // namespace apirunner
