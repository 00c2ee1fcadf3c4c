#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/workspace.hpp"
#include "log/redactor.hpp"
#include "plugins/session_pool.hpp"

namespace apirunner {

// apirunner auth check PROVIDER: logs in, prints what the session and the provider say of it.
int auth_command(const CliOptions& options, std::ostream& out, std::ostream& err) {
    if (options.arguments.size() != 2 || options.arguments[0] != "check") {
        err << "apirunner: usage: apirunner auth check PROVIDER [--config F]\n";
        return Poco::Util::Application::EXIT_USAGE;
    }
    const std::string& provider = options.arguments[1];
    Workspace workspace;
    load_workspace(options, workspace);
    if (int code = report_problems(workspace, err)) {
        return code;
    }
    if (!workspace.config().providers.count(provider)) {
        err << "apirunner: no provider named '" << provider << "' in " << workspace.config().path << "\n";
        return Poco::Util::Application::EXIT_USAGE;
    }
    const ConsoleLogger logger(options.log_level, "apirunner");
    SessionPool sessions(workspace.registry, workspace.settings, workspace.config(), logger, true);
    try {
        auto facts = sessions.session(provider).inspect();
        out << "provider " << provider << ": logged in\n";
        bool inactive = false;
        for (const auto& [name, value] : facts) {
            out << "  " << name << ": " << redactor().redact(value) << "\n";
            inactive = inactive || (name == "introspection.active" && value == "false");
        }
        sessions.close_all();
        return inactive ? Poco::Util::Application::EXIT_NOPERM : 0;
    } catch (const Error& error) {
        err << "apirunner: " << error.what() << "\n";
        return exit_code_for(error.kind());
    }
}

}  // namespace apirunner
