// apirunner daemon: each job with a schedule runs at its times until SIGTERM or SIGINT; SIGHUP
// reads the jobs file again. A run is what `apirunner run JOB` would do, on a thread of its own
// with its own state database connection and sessions, so the locks in the state folder keep it
// apart from manual runs and other daemons exactly as they keep processes apart.
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/job_summary.hpp"
#include "cli/progress_lines.hpp"
#include "cli/workspace.hpp"
#include "config/config_changes.hpp"
#include "daemon/scheduler.hpp"
#include "extract/job_runner.hpp"
#include "extract/stop_request.hpp"
#include "log/console.hpp"
#include "log/console_logger.hpp"
#include "metrics/metrics_server.hpp"
#include "metrics/run_metrics.hpp"
#include "state/state_db.hpp"

#include <chrono>
#include <csignal>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

namespace apirunner {
namespace {

Instant now() { return date::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

JobResult run_job(const Workspace& workspace, const JobSpec& job, RateLimiters& limiters,
                  ConsoleLogger& logger) {
    try {
        StateDb state(workspace.config().state_path);
        SessionPool sessions(workspace.registry, workspace.settings, workspace.config(), logger,
                             true);
        JobRunner runner(RunContext{workspace.config(), sessions, &state, limiters, logger});
        JobResult result = runner.run(job, RunOptions{false, terminal_progress()});
        sessions.close_all();
        return result;
    } catch (const Error& error) {
        JobResult result;
        result.job = job.name;
        result.status = "failed";
        result.failure = error.kind();
        result.error = error.what();
        return result;
    }
}

std::shared_ptr<const Workspace> load(const CliOptions& options) {
    auto workspace = std::make_shared<Workspace>();
    load_workspace(options, *workspace);
    return workspace;
}

class Daemon {
  public:
    Daemon(const CliOptions& options, std::shared_ptr<const Workspace> workspace,
           ConsoleLogger& logger, std::ostream& out, std::ostream& err)
        : m_options(options),
          m_workspace(std::move(workspace)),
          m_logger(logger),
          m_out(out),
          m_err(err),
          m_scheduler(m_workspace->config().jobs, m_workspace->config().max_parallel_jobs, now()) {}

    ~Daemon() {
        for (auto& [job, thread] : m_threads) {
            thread.join();
        }
    }

    std::size_t scheduled() const { return m_scheduler.scheduled(); }

    // Jobs with catch_up whose time passed since their last run start as soon as there is room.
    void catch_up(StateDb& state) {
        for (const JobSpec& job : m_workspace->config().jobs) {
            if (job.schedule.empty() || !job.catch_up) {
                continue;
            }
            const auto last = state.history(job.name, 1);
            const auto started =
                last.empty() ? std::nullopt : parse_instant(last.front().started_at);
            const auto missed =
                started ? m_scheduler.schedule(job.name)->next_after(*started) : std::nullopt;
            if (missed && *missed <= now()) {
                say("job " + job.name + ": catching up the run missed at " +
                    date::format("%FT%TZ", *missed));
                m_scheduler.run_soon(job.name);
            }
        }
    }

    void announce() {
        for (const JobSpec& job : m_workspace->config().jobs) {
            if (const auto next = m_scheduler.next_time(job.name)) {
                say("job " + job.name + ": next run " +
                    m_scheduler.schedule(job.name)->wall_clock(*next));
            }
        }
    }

    // Until a stop signal, then until the running jobs have checkpointed and ended.
    void serve(RunMetrics& metrics) {
        while (!stop_signal() || m_scheduler.running() > 0) {
            collect(metrics);
            if (!stop_signal()) {
                std::vector<std::string> notes;
                for (const JobSpec* job : m_scheduler.start_due(now(), notes)) {
                    start(*job);
                }
                for (const auto& note : notes) {
                    say(note);
                }
            }
            if (wait_for_signal(100) == SIGHUP && !stop_signal()) {
                reload();
            }
        }
        collect(metrics);
    }

  private:
    // A line on stdout, above the live status lines; --quiet keeps the daemon's routine lines.
    void say(const std::string& line) {
        if (!m_options.quiet) {
            Console::instance().print(m_out, line + "\n");
        }
    }

    // The jobs file again. A file with problems changes nothing: the jobs go on as they were.
    void reload() {
        std::shared_ptr<const Workspace> fresh = load(m_options);
        const std::string path = m_workspace->config().path;
        if (!fresh->problems().empty()) {
            std::ostringstream problems;
            report_problems(*fresh, problems);
            Console::instance().print(m_err, "apirunner: daemon: SIGHUP: " + path +
                                                 " was not taken, the jobs go on as before:\n" +
                                                 problems.str());
            return;
        }
        const std::vector<std::string> changes =
            config_changes(m_workspace->config(), fresh->config());
        m_scheduler.reload(fresh->config().jobs, fresh->config().max_parallel_jobs, now());
        m_workspace = fresh;  // running jobs hold the version they started with
        std::string text = "daemon: SIGHUP: reloaded " + path +
                           (changes.empty() ? ", nothing changed" : "") + "\n";
        for (const auto& change : changes) {
            text += "  " + change + "\n";
        }
        Console::instance().print(m_out, text);
        announce();
        if (m_scheduler.scheduled() == 0) {
            Console::instance().print(
                m_err,
                "apirunner: daemon: no job has a schedule any more; waiting for "
                "SIGHUP or SIGTERM\n");
        }
    }

    void start(const JobSpec& job) {
        say("job " + job.name + ": starting");
        auto finished = m_threads.find(job.name);
        if (finished != m_threads.end()) {
            finished->second.join();  // the thread of its last run, which has ended
            m_threads.erase(finished);
        }
        m_threads.emplace(job.name, std::thread([this, workspace = m_workspace, &job] {
                              JobResult result = run_job(*workspace, job, m_limiters, m_logger);
                              std::lock_guard<std::mutex> lock(m_mutex);
                              m_ended.push_back(std::move(result));
                          }));
    }

    void collect(RunMetrics& metrics) {
        std::vector<JobResult> ended;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            ended.swap(m_ended);
        }
        for (const JobResult& result : ended) {
            print_job_summary(result, m_options, m_out, m_err);
            metrics.record(result, now());
            m_scheduler.finished(result.job);
        }
    }

    const CliOptions& m_options;
    std::shared_ptr<const Workspace> m_workspace;
    ConsoleLogger& m_logger;
    std::ostream& m_out;
    std::ostream& m_err;
    Scheduler m_scheduler;
    RateLimiters m_limiters;  // one budget per provider across the runs side by side
    std::map<std::string, std::thread> m_threads;
    std::mutex m_mutex;
    std::vector<JobResult> m_ended;
};

}  // namespace

int daemon_command(const CliOptions& options, std::ostream& out, std::ostream& err) {
    std::shared_ptr<const Workspace> workspace = load(options);
    if (int code = report_problems(*workspace, err)) {
        return code;
    }
    ConsoleLogger logger(options.log_level, "apirunner");
    RunMetrics metrics;
    block_daemon_signals();  // before any thread starts: only this one takes them
    std::signal(SIGXFSZ, SIG_IGN);
    try {
        StateDb state(workspace->config().state_path);
        std::optional<MetricsServer> server;
        if (options.metrics_port) {
            server.emplace(metrics, *options.metrics_port);
            out << "daemon: metrics on http://127.0.0.1:" << server->port() << "/metrics"
                << std::endl;
        }
        Daemon daemon(options, workspace, logger, out, err);
        if (daemon.scheduled() == 0) {
            err << "apirunner: no job in " << workspace->config().path
                << " has a schedule: the daemon would have nothing to do" << std::endl;
            return exit_code_for(ErrorKind::config);
        }
        daemon.catch_up(state);
        daemon.announce();
        out << "daemon: " << daemon.scheduled() << " scheduled jobs, at most "
            << workspace->config().max_parallel_jobs << " at once; SIGHUP reloads "
            << workspace->config().path << ", SIGTERM stops" << std::endl;
        daemon.serve(metrics);
        out << "daemon: stopped by " << signal_name(stop_signal())
            << ", every running job checkpointed" << std::endl;
        return 0;
    } catch (const Error& error) {
        err << "apirunner: " << error.what() << std::endl;
        return exit_code_for(error.kind());
    }
}

}  // namespace apirunner
