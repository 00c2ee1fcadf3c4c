// apirunner daemon: each job with a schedule runs at its times until SIGTERM or SIGINT. A run
// is what `apirunner run JOB` would do, on a thread of its own with its own state database
// connection and sessions, so the locks in the state folder keep it apart from manual runs and
// other daemons exactly as they keep processes apart.
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/job_summary.hpp"
#include "cli/workspace.hpp"
#include "extract/job_runner.hpp"
#include "extract/stop_request.hpp"
#include "log/console_logger.hpp"
#include "metrics/metrics_server.hpp"
#include "metrics/run_metrics.hpp"
#include "schedule/scheduler.hpp"
#include "state/state_db.hpp"

#include <chrono>
#include <csignal>
#include <map>
#include <mutex>
#include <thread>

namespace apirunner {
namespace {

Instant now() {
    return date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

JobResult run_job(const Workspace& workspace, const JobSpec& job, RateLimiters& limiters, ConsoleLogger& logger) {
    try {
        StateDb state(workspace.config().state_path);
        SessionPool sessions(workspace.registry, workspace.settings, workspace.config(), logger, true);
        JobRunner runner(workspace.config(), sessions, &state, limiters, logger);
        JobResult result = runner.run(job, RunOptions{});
        sessions.close_all();
        return result;
    } catch (const Error& error) {
        JobResult result;
        result.job = job.name;
        result.failure = error.kind();
        result.error = error.what();
        return result;
    }
}

class Daemon {
public:
    Daemon(const Workspace& workspace, ConsoleLogger& logger, std::ostream& out, std::ostream& err)
        : m_workspace(workspace),
          m_logger(logger),
          m_out(out),
          m_err(err),
          m_scheduler(workspace.config().jobs, workspace.config().max_parallel_jobs, now()) {}

    ~Daemon() {
        for (auto& [job, thread] : m_threads) {
            thread.join();
        }
    }

    std::size_t scheduled() const { return m_scheduler.scheduled(); }

    // Jobs with catch_up whose time passed since their last run start as soon as there is room.
    void catch_up(StateDb& state) {
        for (const JobSpec& job : m_workspace.config().jobs) {
            if (job.schedule.empty() || !job.catch_up) {
                continue;
            }
            const auto last = state.history(job.name, 1);
            const auto started = last.empty() ? std::nullopt : parse_instant(last.front().started_at);
            const auto missed = started ? m_scheduler.schedule(job.name)->next_after(*started) : std::nullopt;
            if (missed && *missed <= now()) {
                m_out << "job " << job.name << ": catching up the run missed at " << date::format("%FT%TZ", *missed)
                      << std::endl;
                m_scheduler.run_soon(job.name);
            }
        }
    }

    void announce() {
        for (const JobSpec& job : m_workspace.config().jobs) {
            if (const auto next = m_scheduler.next_time(job.name)) {
                m_out << "job " << job.name << ": next run " << m_scheduler.schedule(job.name)->wall_clock(*next)
                      << std::endl;
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
                    m_out << note << std::endl;
                }
            }
            wait_for_stop_signal(100);
        }
        collect(metrics);
    }

private:
    void start(const JobSpec& job) {
        m_out << "job " << job.name << ": starting" << std::endl;
        auto finished = m_threads.find(job.name);
        if (finished != m_threads.end()) {
            finished->second.join();  // the thread of its last run, which has ended
            m_threads.erase(finished);
        }
        m_threads.emplace(job.name, std::thread([this, &job] {
                              JobResult result = run_job(m_workspace, job, m_limiters, m_logger);
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
            print_job_summary(result, false, m_out, m_err);
            metrics.record(result, now());
            m_scheduler.finished(result.job);
        }
    }

    const Workspace& m_workspace;
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
    Workspace workspace;
    load_workspace(options, workspace);
    if (int code = report_problems(workspace, err)) {
        return code;
    }
    ConsoleLogger logger(options.log_level, "apirunner");
    RunMetrics metrics;
    block_stop_signals();  // before any thread starts: only this one takes them
    std::signal(SIGXFSZ, SIG_IGN);
    try {
        StateDb state(workspace.config().state_path);
        std::optional<MetricsServer> server;
        if (options.metrics_port) {
            server.emplace(metrics, *options.metrics_port);
            out << "daemon: metrics on http://127.0.0.1:" << server->port() << "/metrics" << std::endl;
        }
        Daemon daemon(workspace, logger, out, err);
        if (daemon.scheduled() == 0) {
            err << "apirunner: no job in " << workspace.config().path
                << " has a schedule: the daemon would have nothing to do" << std::endl;
            return exit_code_for(ErrorKind::config);
        }
        daemon.catch_up(state);
        daemon.announce();
        out << "daemon: " << daemon.scheduled() << " scheduled jobs, at most "
            << workspace.config().max_parallel_jobs << " at once; SIGTERM stops" << std::endl;
        daemon.serve(metrics);
        out << "daemon: stopped by " << signal_name(stop_signal()) << ", every running job checkpointed"
            << std::endl;
        return 0;
    } catch (const Error& error) {
        err << "apirunner: " << error.what() << std::endl;
        return exit_code_for(error.kind());
    }
}

}  // namespace apirunner
