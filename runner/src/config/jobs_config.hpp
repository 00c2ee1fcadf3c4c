// The jobs file as plain structs, produced by one loader (config_loader.hpp).
#pragma once

#include "http/rate_limiter.hpp"
#include "http/retry_policy.hpp"
#include "plugins/settings_validator.hpp"

#include <cstdint>
#include <map>
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
    RetryPolicy retry;  // the host's, not the plugin's: `retry:` in the provider
    RateLimit rate_limit;  // `rate_limit:` in the provider; none by default
};

struct RequestSpec {
    std::string method = "GET";
    std::string path;
    std::vector<std::pair<std::string, std::string>> params;
};

struct PagingSpec {
    std::string type = "none";  // offset | page | cursor | next_url | none
    std::int64_t limit = 100;
    std::string limit_param = "limit";  // "" sends no page size
    std::string offset_param = "offset";
    std::string records;  // dot path to the record array; "" means the body is the array
    std::string total;    // dot path to the total count of records; "" means unknown
    std::int64_t max_pages = 100000;
    // offset and page: how many pages may be fetched at once once the total tells what is left
    std::int64_t concurrency = 1;
    // page
    std::string page_param = "page";
    std::int64_t start_page = 1;
    std::string total_pages;  // dot path to the number of pages; "" means unknown
    // cursor
    std::string cursor_param = "cursor";
    std::string cursor;  // dot path to the next page's cursor
    // next_url
    std::string next;  // dot path to the next page's URL; "" means the Link header's rel="next"
};

struct OutputSpec {
    std::string sink;
    std::string table;          // sqlite only; defaults to the job name with '-' as '_'
    std::string mode = "append";  // append | replace | merge
};

struct SinkSpec {
    std::string name;
    std::string type;  // sqlite | jsonl
    std::string path;  // absolute; jsonl paths may hold {job}, {date}, {run_id}
};

struct JobSpec {
    std::string name;
    std::string provider;
    std::string schedule;
    std::string timezone = "UTC";
    std::string on_overlap = "skip";  // skip | queue: the daemon, when the job's time comes while it runs
    bool catch_up = false;            // the daemon runs a time missed while it was down, once, at start
    RequestSpec request;
    PagingSpec paging;
    std::string primary_key;
    std::string on_drift = "warn";  // warn | fail: what a doubt of the integrity audit does
    std::string record_schema;  // absolute path of a JSON Schema, or ""
    std::vector<OutputSpec> outputs;
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
