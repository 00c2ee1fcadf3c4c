#include "cli/commands.hpp"
#include "cli/workspace.hpp"

#include <iomanip>

namespace apirunner {

int list_command(const CliOptions& options, std::ostream& out, std::ostream& err) {
    Workspace workspace;
    load_workspace(options, workspace);
    if (int code = report_problems(workspace, err)) {
        return code;
    }
    out << std::left << std::setw(32) << "JOB" << std::setw(16) << "PROVIDER" << std::setw(20)
        << "SCHEDULE" << "OUTPUTS\n";
    for (const auto& job : workspace.config().jobs) {
        std::string outputs;
        for (const auto& output : job.outputs) {
            outputs += (outputs.empty() ? "" : ", ") + output.sink + ":" + output.table + " (" +
                       output.mode + ")";
        }
        const std::string schedule =
            job.schedule.empty() ? "(manual)" : job.schedule + " " + job.timezone;
        out << std::setw(32) << job.name << std::setw(16) << job.provider << std::setw(20)
            << schedule << outputs << "\n";
    }
    return 0;
}

}  // namespace apirunner
