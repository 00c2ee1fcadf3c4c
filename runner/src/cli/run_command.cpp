#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/job_summary.hpp"
#include "cli/progress_lines.hpp"
#include "cli/run_report.hpp"
#include "cli/workspace.hpp"
#include "extract/job_runner.hpp"
#include "extract/stop_request.hpp"
#include "log/redactor.hpp"
#include "metrics/run_metrics.hpp"
#include "state/state_db.hpp"

#include <Poco/File.h>

#include <chrono>
#include <csignal>
#include <iomanip>

namespace apirunner {
namespace {

// The jobs named on the command line (all when none); an empty list and the problem when a
// name is not a job.
std::vector<const JobSpec*> select_jobs(const JobsConfig& config,
                                        const std::vector<std::string>& names,
                                        std::string& problem) {
    std::vector<const JobSpec*> jobs;
    std::vector<std::string> known;
    for (const auto& job : config.jobs) {
        known.push_back(job.name);
        if (names.empty()) {
            jobs.push_back(&job);
        }
    }
    for (const auto& name : names) {
        const JobSpec* job = config.find_job(name);
        if (!job) {
            problem = "no job named '" + name + "' in " + config.path + did_you_mean(name, known);
            return {};
        }
        jobs.push_back(job);
    }
    return jobs;
}

// --since and --until are a range of an incremental job's bookmark: refused for other jobs, and
// beside --full-refresh, which asks for another range.
std::string range_problem(const CliOptions& options, const std::vector<const JobSpec*>& jobs) {
    if (options.since.empty() && options.until.empty()) {
        return "";
    }
    if (options.full_refresh) {
        return "--full-refresh reads from incremental.start and moves the bookmark; --since and "
               "--until read a range once and leave it: give one of them";
    }
    for (const JobSpec* job : jobs) {
        if (!job->incremental) {
            return "--since and --until are for incremental jobs; job '" + job->name +
                   "' has no incremental block (name the jobs to run)";
        }
        if (!options.since.empty() && job->incremental->by_token() &&
            job->incremental->param.empty()) {
            return "--since needs incremental.param, to send it in instead of the token; job '" +
                   job->name + "' has none";
        }
        if (!options.until.empty() && job->incremental->by_token()) {
            return "--until has no meaning for a token bookmark, which reads to the end of the "
                   "stream; job '" +
                   job->name + "' has one";
        }
        if (!options.until.empty() && job->incremental->end_param.empty()) {
            return "--until needs incremental.end_param, to send it in; job '" + job->name +
                   "' has none";
        }
    }
    return "";
}

// Runs the selected jobs one after the other; what each did goes into `report`.
int run_jobs(const CliOptions& options, RunReport& report, std::ostream& out, std::ostream& err) {
    Workspace workspace;
    load_workspace(options, workspace);
    report_warnings(workspace, err);
    if (int code = report_problems(workspace, err)) {
        std::vector<std::string> problems;
        for (const auto& problem : workspace.problems()) {
            problems.push_back(redactor().redact(problem.to_string()));
        }
        report.refused(problems);
        return code;
    }
    std::string problem;
    const std::vector<const JobSpec*> jobs =
        select_jobs(workspace.config(), options.arguments, problem);
    if (problem.empty()) {
        problem = range_problem(options, jobs);
    }
    if (!problem.empty()) {
        err << "apirunner: " << problem << "\n";
        report.refused({problem});
        return Poco::Util::Application::EXIT_USAGE;
    }
    std::unique_ptr<StateDb> state;
    try {
        // A dry run writes no state; it reads the bookmarks when there are some, to ask for
        // the page the next run would.
        if (!options.dry_run || Poco::File(workspace.config().state_path).exists()) {
            state = std::make_unique<StateDb>(workspace.config().state_path);
        }
    } catch (const Error& error) {
        err << "apirunner: " << error.what() << "\n";
        report.refused({error.what()});
        return exit_code_for(error.kind());
    }
    ConsoleLogger logger(options.log_level, "apirunner");
    SessionPool sessions(workspace.registry, workspace.settings, workspace.config(), logger,
                         !options.dry_run);
    RateLimiters limiters;
    JobRunner runner(RunContext{workspace.config(), sessions,
                                options.dry_run ? nullptr : state.get(), limiters, logger,
                                state.get()});
    stop_on_signals();
    std::signal(SIGXFSZ,
                SIG_IGN);  // a file past its size limit is a write error we report, not a death

    RunMetrics metrics;
    int exit_code = 0;
    int failed = 0;
    std::int64_t records = 0;
    const auto started = std::chrono::steady_clock::now();
    for (const JobSpec* job : jobs) {
        if (stop_signal()) {
            const std::string why = std::string("stopped by ") + signal_name(stop_signal());
            err << "apirunner: job '" << job->name << "' not started: " << why << "\n";
            report.job_not_started(job->name, why);
            ++failed;
            exit_code = exit_code ? exit_code : exit_code_for(ErrorKind::temporary);
            continue;
        }
        const JobResult result =
            runner.run(*job, RunOptions{options.full_refresh,
                                        terminal_progress(),
                                        {options.since, options.until, options.full_refresh}});
        print_job_summary(result, options, out, err);
        report.job_ran(result);
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
    if (!options.quiet || failed) {
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        out << jobs.size() - failed << " of " << jobs.size() << " jobs ok, " << records
            << " records in " << std::fixed << std::setprecision(2) << seconds << " s\n";
    }
    return exit_code;
}

}  // namespace

int run_command(const CliOptions& options, std::ostream& out, std::ostream& err) {
    const auto now = [] {
        return date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    };
    RunReport report(options.config_path, date::format("%FT%TZ", now()));
    const auto started = std::chrono::steady_clock::now();
    int exit_code = run_jobs(options, report, out, err);
    if (!options.report_file.empty()) {
        try {
            const double seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            report.write(options.report_file, exit_code, date::format("%FT%TZ", now()), seconds);
        } catch (const Error& error) {
            err << "apirunner: " << error.what() << "\n";
            exit_code = exit_code ? exit_code : exit_code_for(error.kind());
        }
    }
    return exit_code;
}

}  // namespace apirunner
