#include "cli/commands.hpp"
#include "cli/workspace.hpp"
#include "schedule/schedule.hpp"

#include <iomanip>

namespace apirunner {
namespace {

// "2026-11-24 02:00:00 CET, 2026-11-25 02:00:00 CET, 2026-11-26 02:00:00 CET"
std::string next_runs(const JobSpec& job, Instant from, int count) {
    const Schedule schedule(job.schedule, job.timezone);  // validated when the file was loaded
    std::string runs;
    for (auto at = schedule.next_after(from); at && count > 0;
         at = schedule.next_after(*at), --count) {
        runs += (runs.empty() ? "" : ", ") + schedule.wall_clock(*at);
    }
    return runs;
}

std::string outputs_of(const JobSpec& job) {
    std::string outputs;
    for (const auto& output : job.outputs) {
        outputs += (outputs.empty() ? "" : ", ") + output.sink;
        for (const auto& [name, value] : output.fields.all()) {  // the table, for a sqlite output
            outputs += ":" + output.fields.shown(name);
        }
        outputs += std::string(" (") + to_string(output.mode) + ")";
    }
    return outputs;
}

}  // namespace

int list_command(const CliOptions& options, std::ostream& out, std::ostream& err) {
    Workspace workspace;
    load_workspace(options, workspace);
    if (int code = report_problems(workspace, err)) {
        return code;
    }
    const Instant from = options.list_from
                             ? Instant{std::chrono::seconds(*options.list_from)}
                             : date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    out << std::left << std::setw(32) << "JOB" << std::setw(16) << "PROVIDER" << std::setw(28)
        << "SCHEDULE"
        << "OUTPUTS\n";
    for (const auto& job : workspace.config().jobs) {
        const std::string schedule =
            job.schedule.empty() ? "(manual)" : job.schedule + " " + job.timezone;
        out << std::setw(32) << job.name << std::setw(16) << job.provider << std::setw(28)
            << schedule << outputs_of(job) << "\n";
        if (!job.schedule.empty()) {
            out << "  next: " << next_runs(job, from, 3) << "\n";
        }
    }
    return 0;
}

}  // namespace apirunner
