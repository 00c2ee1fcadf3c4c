// The jobs file, the plugins and the providers' settings, loaded and checked together: what
// validate reports and what run, list and history start from.
#pragma once

#include "cli/cli_options.hpp"
#include "config/config_loader.hpp"
#include "plugins/plugin_registry.hpp"

#include <apirunner/settings.hpp>

#include <map>

namespace apirunner {

struct Workspace {
    LoadedConfig loaded;
    PluginRegistry registry;
    std::map<std::string, Settings> settings;  // per provider profile

    const JobsConfig& config() const { return loaded.config; }
    const ConfigProblems& problems() const { return loaded.problems; }
};

// Loads everything; problems (config and plugin settings) are in problems(). Registers every
// secret setting (the plugin's table says which; *_file values always) with the redactor before
// anything can log it.
void load_workspace(const CliOptions& options, Workspace& workspace);

// Prints every problem ("path: message") to `err`; returns EXIT_CONFIG, or 0 if none.
int report_problems(const Workspace& workspace, std::ostream& err);
// Prints every warning ("file: warning: path: message") to `err`.
void report_warnings(const Workspace& workspace, std::ostream& err);

}  // namespace apirunner
