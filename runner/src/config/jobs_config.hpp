// The jobs file as plain structs, produced by one loader (config_loader.hpp).
#pragma once

#include "incremental/incremental_spec.hpp"
#include "paging/paging_kind.hpp"
#include "settings/rate_limit.hpp"
#include "settings/retry_policy.hpp"
#include "settings/setting_value.hpp"
#include "sinks/sink_spec.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace apirunner {

struct ProviderSpec {
    std::string name;
    std::string plugin;
    std::string base_url;
    // Every setting for the plugin's table (base_url, auth_url, grant, credentials, options),
    // with the config path each came from. *_file credentials are already read.
    std::map<std::string, SettingValue> settings;
    std::vector<std::string> secret_files;  // absolute paths of the *_file credentials read
    RetryPolicy retry;     // the host's, not the plugin's: `retry:` in the provider
    RateLimit rate_limit;  // `rate_limit:` in the provider; none by default
};

struct RequestSpec {
    std::string method = "GET";
    std::string path;
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<std::pair<std::string, std::string>> headers;  // sent with every page request
    std::optional<std::string> body;                           // JSON text, for a POST
    bool idempotent = false;  // a POST that only reads: retried as a GET is (`idempotent: true`)
    std::vector<int> end_on_status;  // 4xx answers that mean "past the end" or "nothing here"
};

enum class OnOverlap { skip, queue };  // the daemon, when the job's time comes while it runs
enum class OnDrift { warn, fail };     // what a doubt of the integrity audit does

const char* to_string(OnOverlap value);
const char* to_string(OnDrift value);

struct JobSpec {
    std::string name;
    std::string provider;
    std::string schedule;
    std::string timezone = "UTC";
    OnOverlap on_overlap = OnOverlap::skip;
    bool catch_up = false;  // the daemon runs a time missed while it was down, once, at start
    RequestSpec request;
    PagingSpec paging;                           // its kind null: one request
    std::optional<IncrementalSpec> incremental;  // none: every run reads everything
    std::string primary_key;
    OnDrift on_drift = OnDrift::warn;
    std::string record_schema;  // absolute path of a JSON Schema, or ""
    std::vector<OutputSpec> outputs;

    RecordShape record_shape() const { return {primary_key, record_schema}; }
};

struct JobsConfig {
    std::string path;      // the file it was read from
    std::string base_dir;  // relative paths in it are taken from here
    int version = 1;
    std::string state_path;
    std::string state_key;  // from the variable state_key_env names; "" keeps sessions unencrypted
    int max_parallel_jobs = 2;  // the daemon's jobs running at once
    std::map<std::string, ProviderSpec> providers;
    std::map<std::string, SinkSpec> sinks;
    std::vector<JobSpec> jobs;  // in file order

    const JobSpec* find_job(const std::string& name) const;
};

}  // namespace apirunner
