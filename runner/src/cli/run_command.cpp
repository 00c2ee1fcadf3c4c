#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/job_summary.hpp"
#include "cli/workspace.hpp"
#include "extract/job_runner.hpp"
#include "extract/stop_request.hpp"
#include "log/redactor.hpp"
#include "metrics/run_metrics.hpp"
#include "state/state_db.hpp"

#include <chrono>
#include <csignal>
#include <iomanip>

namespace apirunner {
namespace {

// The jobs named on the command line (all when none), or a usage problem.
bool select_jobs(const JobsConfig& config, const std::vector<std::string>& names,
                 std::vector<const JobSpec*>& jobs, std::ostream& err) {
    if (names.empty()) {
        for (const auto& job : config.jobs) {
            jobs.push_back(&job);
        }
        return true;
    }
    std::vector<std::string> known;
    for (const auto& job : config.jobs) {
        known.push_back(job.name);
    }
    for (const auto& name : names) {
        const JobSpec* job = config.find_job(name);
        if (!job) {
            err << "apirunner: no job named '" << name << "' in " << config.path
                << did_you_mean(name, known) << "\n";
            return false;
        }
        jobs.push_back(job);
    }
    return true;
}

}  // namespace

int run_command(const CliOptions& options, std::ostream& out, std::ostream& err) {
    Workspace workspace;
    load_workspace(options, workspace);
    if (int code = report_problems(workspace, err)) {
        return code;
    }
    std::vector<const JobSpec*> jobs;
    if (!select_jobs(workspace.config(), options.arguments, jobs, err)) {
        return Poco::Util::Application::EXIT_USAGE;
    }
    std::unique_ptr<StateDb> state;
    try {
        if (!options.dry_run) {
            state = std::make_unique<StateDb>(workspace.config().state_path);
        }
    } catch (const Error& error) {
        err << "apirunner: " << error.what() << "\n";
        return exit_code_for(error.kind());
    }
    ConsoleLogger logger(options.log_level, "apirunner");
    SessionPool sessions(workspace.registry, workspace.settings, workspace.config(), logger, !options.dry_run);
    RateLimiters limiters;
    JobRunner runner(workspace.config(), sessions, state.get(), limiters, logger);
    stop_on_signals();
    std::signal(SIGXFSZ, SIG_IGN);  // a file past its size limit is a write error we report, not a death

    RunMetrics metrics;
    int exit_code = 0;
    int failed = 0;
    std::int64_t records = 0;
    const auto started = std::chrono::steady_clock::now();
    for (const JobSpec* job : jobs) {
        if (stop_signal()) {
            err << "apirunner: job '" << job->name << "' not started: stopped by " << signal_name(stop_signal()) << "\n";
            ++failed;
            exit_code = exit_code ? exit_code : exit_code_for(ErrorKind::temporary);
            continue;
        }
        const JobResult result = runner.run(*job, RunOptions{options.dry_run, options.full_refresh});
        print_job_summary(result, options.dry_run, out, err);
        metrics.record(result, date::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
        records += result.records;
        if (result.failure) {
            ++failed;
            exit_code = exit_code ? exit_code : exit_code_for(*result.failure);
        }
    }
    sessions.close_all();
    if (!options.metrics_file.empty()) {
        try {
            metrics.write_file(options.metrics_file);
        } catch (const Error& error) {
            err << "apirunner: " << error.what() << "\n";
            exit_code = exit_code ? exit_code : exit_code_for(error.kind());
        }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    out << jobs.size() - failed << " of " << jobs.size() << " jobs ok, " << records << " records in "
        << std::fixed << std::setprecision(2) << seconds << " s\n";
    return exit_code;
}

}  // namespace apirunner
