#include "cli/workspace.hpp"

#include "log/redactor.hpp"
#include "plugins/provider_settings.hpp"

#include <Poco/Util/Application.h>

#include <ostream>

namespace apirunner {

void load_workspace(const CliOptions& options, Workspace& workspace) {
    workspace.loaded = load_config(options.config_path);
    for (const auto& [name, provider] : workspace.config().providers) {
        for (const auto& secret : provider.secrets) {
            redactor().add_secret(secret);
        }
    }
    workspace.registry.discover(PluginRegistry::search_path(options.plugin_paths));
    for (const auto& [name, provider] : workspace.config().providers) {
        if (auto settings =
                resolve_provider_settings(provider, workspace.registry, workspace.loaded.problems)) {
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

}  // namespace apirunner
