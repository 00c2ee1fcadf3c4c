// A provider of the jobs file checked against the plugin that serves it.
#pragma once

#include "config/jobs_config.hpp"
#include "plugins/plugin_registry.hpp"

#include <apirunner/settings.hpp>

#include <optional>

namespace apirunner {

// The validated settings, or nothing with the problems appended (unknown plugin, bad settings).
std::optional<Settings> resolve_provider_settings(const ProviderSpec& provider,
                                                  const PluginRegistry& registry,
                                                  ConfigProblems& problems);

}  // namespace apirunner
