#include "cli/workspace.hpp"

#include "log/redactor.hpp"
#include "plugins/provider_settings.hpp"

#include <Poco/Util/Application.h>

#include <ostream>

namespace apirunner {

namespace {

// Whether a provider setting's value must be redacted: the plugin says so in its table, or it was
// read from a *_file. When the plugin is unknown, every credential counts as secret.
bool is_secret(const LoadedPlugin* plugin, const std::string& name, const SettingValue& value) {
    if (value.path.size() > 5 && value.path.compare(value.path.size() - 5, 5, "_file") == 0) {
        return true;
    }
    if (!plugin) {
        return value.path.find(".credentials.") != std::string::npos;
    }
    const PluginDescriptor& descriptor = *plugin->descriptor;
    for (std::size_t i = 0; i < descriptor.settings_count; ++i) {
        if (name == descriptor.settings[i].name) {
            return descriptor.settings[i].secret;
        }
    }
    return value.path.find(".credentials.") != std::string::npos;
}

}  // namespace

void load_workspace(const CliOptions& options, Workspace& workspace) {
    workspace.loaded = load_config(options.config_path);
    workspace.registry.discover(PluginRegistry::search_path(options.plugin_paths));
    redactor().add_secret(workspace.config().state_key);
    for (const auto& [name, provider] : workspace.config().providers) {
        const LoadedPlugin* plugin = workspace.registry.find(provider.plugin);
        for (const auto& [setting, value] : provider.settings) {
            if (is_secret(plugin, setting, value)) {
                redactor().add_secret(value.text);
            }
        }
    }
    for (const auto& job : workspace.config().jobs) {
        for (const auto& [header, value] : job.request.headers) {
            if (names_a_secret(header)) {
                redactor().add_secret(value);
            }
        }
    }
    for (const auto& [name, provider] : workspace.config().providers) {
        if (auto settings = resolve_provider_settings(provider, workspace.registry,
                                                      workspace.loaded.problems)) {
            workspace.settings[name] = std::move(*settings);
        }
    }
}

int report_problems(const Workspace& workspace, std::ostream& err) {
    if (workspace.problems().empty()) {
        return 0;
    }
    err << workspace.loaded.config.path << ": " << workspace.problems().size()
        << (workspace.problems().size() == 1 ? " problem" : " problems") << "\n";
    for (const auto& problem : workspace.problems()) {
        err << "  " << redactor().redact(problem.to_string()) << "\n";
    }
    return Poco::Util::Application::EXIT_CONFIG;
}

void report_warnings(const Workspace& workspace, std::ostream& err) {
    for (const auto& warning : workspace.loaded.warnings) {
        err << workspace.loaded.config.path
            << ": warning: " << redactor().redact(warning.to_string()) << "\n";
    }
}

}  // namespace apirunner
