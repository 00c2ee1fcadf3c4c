// What the command line asked for, after option parsing.
#pragma once

#include <apirunner/host.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace apirunner {

struct CliOptions {
    std::string verb;
    std::vector<std::string> arguments;  // after the verb: job names, a provider
    std::string config_path;
    std::vector<std::string> plugin_paths;
    bool full_refresh = false;
    std::string since;  // run --since: an incremental job's one-off lower bound
    std::string until;  // run --until: its one-off upper bound
    bool dry_run = false;
    LogLevel log_level = LogLevel::info;
    bool quiet = false;      // no progress line, no per-job "ok" lines: only failures and warnings
    bool json_logs = false;  // --log-format json
    int history_limit = 20;
    std::optional<std::int64_t> history_since;  // history --since: Unix seconds
    bool json = false;                          // history --json
    std::string report_file;                    // run --report: the run report as JSON
    std::string image;                          // export kubernetes --image
    std::optional<std::int64_t> list_from;      // list --from: Unix seconds to count run times from
    std::optional<int> metrics_port;  // daemon: serve /metrics on 127.0.0.1 (0: any free port)
    std::string metrics_file;         // run: write the runs' metrics here
    // login
    bool no_listen = false;
    int login_port = 0;
    int login_timeout_s = 300;
    std::string redirect_uri;
};

}  // namespace apirunner
