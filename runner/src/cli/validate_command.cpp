#include "cli/commands.hpp"
#include "cli/workspace.hpp"

namespace apirunner {

int validate_command(const CliOptions& options, std::ostream& out, std::ostream& err) {
    Workspace workspace;
    load_workspace(options, workspace);
    if (int code = report_problems(workspace, err)) {
        return code;
    }
    report_warnings(workspace, err);
    const JobsConfig& config = workspace.config();
    out << config.path << ": ok (" << config.providers.size() << " providers, "
        << config.sinks.size() << " sinks, " << config.jobs.size() << " jobs)\n";
    return 0;
}

}  // namespace apirunner
