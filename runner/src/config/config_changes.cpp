#include "config/config_changes.hpp"

#include "config/job_fingerprint.hpp"

namespace apirunner {
namespace {

std::string schedule_of(const JobSpec& job) {
    return job.schedule.empty() ? "(manual)" : "'" + job.schedule + "' " + job.timezone;
}

// What differs in a job that is in both files.
std::vector<std::string> job_changes(const JobsConfig& before, const JobSpec& old_job,
                                     const JobsConfig& after, const JobSpec& new_job) {
    std::vector<std::string> changes;
    const std::string name = "job '" + new_job.name + "': ";
    if (schedule_of(old_job) != schedule_of(new_job)) {
        changes.push_back(name + "schedule " + schedule_of(old_job) + " -> " +
                          schedule_of(new_job));
    }
    if (old_job.on_overlap != new_job.on_overlap) {
        changes.push_back(name + "on_overlap " + to_string(old_job.on_overlap) + " -> " +
                          to_string(new_job.on_overlap));
    }
    if (old_job.catch_up != new_job.catch_up) {
        changes.push_back(name + "catch_up " + (new_job.catch_up ? "on" : "off"));
    }
    if (job_fingerprint(before, old_job) != job_fingerprint(after, new_job)) {
        changes.push_back(
            name + "its provider, requests, paging or outputs changed (its next run starts over)");
    } else if (old_job.on_drift != new_job.on_drift ||
               old_job.record_schema != new_job.record_schema) {
        changes.push_back(name + "its checks changed (on_drift, record_schema)");
    }
    return changes;
}

bool same_provider(const ProviderSpec& a, const ProviderSpec& b) {
    if (a.plugin != b.plugin || a.base_url != b.base_url ||
        a.settings.size() != b.settings.size() || a.retry.max_attempts != b.retry.max_attempts ||
        a.retry.base_delay_ms != b.retry.base_delay_ms ||
        a.retry.max_delay_ms != b.retry.max_delay_ms ||
        a.retry.max_retry_time_ms != b.retry.max_retry_time_ms ||
        a.rate_limit.requests != b.rate_limit.requests ||
        a.rate_limit.per_ms != b.rate_limit.per_ms) {
        return false;
    }
    for (const auto& [name, value] : a.settings) {
        const auto other = b.settings.find(name);
        if (other == b.settings.end() || other->second.text != value.text) {
            return false;
        }
    }
    return true;
}

// Providers are named, never their values: settings hold credentials.
void provider_changes(const JobsConfig& before, const JobsConfig& after,
                      std::vector<std::string>& changes) {
    for (const auto& [name, provider] : after.providers) {
        const auto old = before.providers.find(name);
        if (old == before.providers.end()) {
            changes.push_back("provider '" + name + "' added");
        } else if (!same_provider(old->second, provider)) {
            changes.push_back("provider '" + name +
                              "': its settings changed (runs from now on use them)");
        }
    }
    for (const auto& [name, provider] : before.providers) {
        if (!after.providers.count(name)) {
            changes.push_back("provider '" + name + "' removed");
        }
    }
}

}  // namespace

std::vector<std::string> config_changes(const JobsConfig& before, const JobsConfig& after) {
    std::vector<std::string> changes;
    if (before.max_parallel_jobs != after.max_parallel_jobs) {
        changes.push_back("max_parallel_jobs " + std::to_string(before.max_parallel_jobs) + " -> " +
                          std::to_string(after.max_parallel_jobs));
    }
    provider_changes(before, after, changes);
    for (const JobSpec& job : after.jobs) {
        const JobSpec* old_job = before.find_job(job.name);
        if (!old_job) {
            changes.push_back("job '" + job.name + "' added, schedule " + schedule_of(job));
            continue;
        }
        for (auto& change : job_changes(before, *old_job, after, job)) {
            changes.push_back(std::move(change));
        }
    }
    for (const JobSpec& job : before.jobs) {
        if (!after.find_job(job.name)) {
            changes.push_back("job '" + job.name + "' removed");
        }
    }
    return changes;
}

}  // namespace apirunner
