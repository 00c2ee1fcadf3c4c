// Checks a provider's settings against its plugin's table before the factory runs: unknown keys
// (with "did you mean"), missing required keys, types; fills in defaults.
#pragma once

#include "settings/problems.hpp"
#include "settings/setting_value.hpp"

#include <apirunner/plugin.hpp>

#include <map>
#include <string>

namespace apirunner {

// Returns the validated values with defaults applied; problems are appended, each naming the
// field's path. `where` is the provider's path ("providers.mediamath").
std::map<std::string, std::string> validate_settings(
    const PluginDescriptor& plugin, const std::map<std::string, SettingValue>& values,
    const std::string& where, ConfigProblems& problems);

}  // namespace apirunner
