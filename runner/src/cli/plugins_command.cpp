#include "cli/commands.hpp"
#include "config/jobs_schema.hpp"
#include "plugins/plugin_registry.hpp"
#include "plugins/settings_schema.hpp"

#include <Poco/Util/Application.h>

#include <iomanip>

namespace apirunner {
namespace {

void print_settings(const PluginDescriptor& plugin, std::ostream& out) {
    out << plugin.name << " " << plugin.version << ": " << plugin.description << "\n"
        << "grants: " << plugin.grants << "\n\n"
        << std::left << std::setw(22) << "SETTING" << std::setw(9) << "TYPE" << std::setw(30)
        << "DEFAULT"
        << "DESCRIPTION\n";
    for (std::size_t i = 0; i < plugin.settings_count; ++i) {
        const SettingSpec& spec = plugin.settings[i];
        std::string flags = spec.required ? " (required)" : "";
        flags += spec.secret ? " (secret)" : "";
        out << std::setw(22) << spec.name << std::setw(9) << to_string(spec.type) << std::setw(30)
            << (spec.default_value ? spec.default_value : "-") << spec.description << flags << "\n";
    }
}

}  // namespace

int plugins_command(const CliOptions& options, bool schema, std::ostream& out, std::ostream& err) {
    if (schema && options.arguments.empty()) {
        out << jobs_schema_defs_json();
        return 0;
    }
    PluginRegistry registry;
    registry.discover(PluginRegistry::search_path(options.plugin_paths));
    if (!options.arguments.empty()) {
        const LoadedPlugin* plugin = registry.find(options.arguments.front());
        if (!plugin) {
            err << "apirunner: no plugin named '" << options.arguments.front() << "'\n";
            return Poco::Util::Application::EXIT_USAGE;
        }
        if (schema) {
            out << settings_schema_json(*plugin->descriptor);
        } else {
            print_settings(*plugin->descriptor, out);
        }
        return 0;
    }
    out << std::left << std::setw(14) << "PLUGIN" << std::setw(10) << "VERSION" << std::setw(48)
        << "GRANTS"
        << "FILE\n";
    for (const auto& plugin : registry.plugins()) {
        out << std::setw(14) << plugin.name() << std::setw(10) << plugin.descriptor->version
            << std::setw(48) << plugin.descriptor->grants << plugin.path << "\n";
    }
    for (const auto& refused : registry.refused()) {
        out << "refused: " << refused.reason << "\n";
    }
    if (registry.plugins().empty()) {
        err << "apirunner: no plugins found; searched:";
        for (const auto& folder : PluginRegistry::search_path(options.plugin_paths)) {
            err << " " << folder;
        }
        err << "\n";
        return Poco::Util::Application::EXIT_CONFIG;
    }
    return 0;
}

}  // namespace apirunner
