#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/workspace.hpp"
#include "log/redactor.hpp"
#include "schedule/schedule.hpp"
#include "state/state_db.hpp"

#include <Poco/File.h>

#include <algorithm>
#include <iomanip>
#include <memory>

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

// "2026-03-08T02:30:00Z (set 2026-03-09 02:00:07 UTC)", or where the next run starts. The state
// database is only read, and only when it exists: listing never makes one.
std::string bookmark_of(const JobSpec& job, StateDb* state) {
    const auto row = state ? state->bookmark(job.name) : std::nullopt;
    if (row) {
        return redactor().redact(row->value) + " (set " + row->updated_at.substr(0, 19) + " UTC)";
    }
    return "(none: the next run starts from " +
           (job.incremental->start.empty() ? std::string("the beginning")
                                           : job.incremental->start) +
           ")";
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
    std::unique_ptr<StateDb> state;
    const bool any_incremental =
        std::any_of(workspace.config().jobs.begin(), workspace.config().jobs.end(),
                    [](const JobSpec& job) { return job.incremental.has_value(); });
    if (any_incremental && Poco::File(workspace.config().state_path).exists()) {
        try {
            state = std::make_unique<StateDb>(workspace.config().state_path);
        } catch (const Error& error) {
            err << "apirunner: " << error.what() << "\n";
            return exit_code_for(error.kind());
        }
    }
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
        if (job.incremental) {
            out << "  bookmark: " << bookmark_of(job, state.get()) << "\n";
        }
    }
    return 0;
}

}  // namespace apirunner
