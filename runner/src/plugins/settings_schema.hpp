// A plugin's settings table as JSON Schema: schemas/plugins/<name>.json is generated from it
// (`apirunner plugins NAME --schema`), and a test diffs the two so the docs never drift.
#pragma once

#include <apirunner/plugin.hpp>

#include <string>

namespace apirunner {

std::string settings_schema_json(const PluginDescriptor& plugin);

}  // namespace apirunner
