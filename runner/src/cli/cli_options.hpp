// What the command line asked for, after option parsing.
#pragma once

#include <apirunner/host.hpp>

#include <string>
#include <vector>

namespace apirunner {

struct CliOptions {
    std::string verb;
    std::vector<std::string> arguments;  // after the verb: job names, a provider
    std::string config_path;
    std::vector<std::string> plugin_paths;
    bool full_refresh = false;
    bool dry_run = false;
    LogLevel log_level = LogLevel::info;
    int history_limit = 20;
    // login
    bool no_listen = false;
    int login_port = 0;
    int login_timeout_s = 300;
    std::string redirect_uri;
};

}  // namespace apirunner
