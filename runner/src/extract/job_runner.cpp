#include "extract/job_runner.hpp"

#include "config/job_fingerprint.hpp"
#include "extract/integrity_audit.hpp"
#include "extract/page_fetcher.hpp"
#include "extract/stop_request.hpp"
#include "log/log_context.hpp"
#include "log/redactor.hpp"
#include "plugins/authorized_client.hpp"
#include "state/lock_file.hpp"
#include "state/storage_error.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/NumberFormatter.h>
#include <Poco/Random.h>

#include <chrono>
#include <exception>
#include <thread>

namespace apirunner {
namespace {

// How many fetched pages may wait for the writer: enough to ride out one slow fsync or one slow
// response, few enough that memory stays a handful of pages.
constexpr std::size_t k_pages_ahead = 2;

// How often the pages stored are checkpointed, at most (see transfer_pages).
constexpr std::chrono::seconds k_checkpoint_every{1};

void tell_progress(ProgressListener* listener, const Totals& totals, const JobResult& result,
                   std::chrono::steady_clock::time_point started) {
    if (!listener) {
        return;
    }
    JobProgress progress;
    progress.job = result.job;
    progress.records = result.records;
    progress.pages = result.pages;
    progress.resumed_records = result.resumed_records;
    progress.total = totals.last ? totals.last : totals.first;
    progress.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    listener->page_done(progress);
}

void count_calls(const std::vector<std::unique_ptr<AuthorizedClient>>& clients, JobResult& result) {
    for (const auto& client : clients) {
        result.retries += client->stats().retries;
        result.refreshes += client->stats().refreshes;
        result.bytes += client->stats().bytes;
    }
}

// A record the outputs refuse (no primary key) is named with its page, like a page that does
// not parse; the outputs' own failures (a full disk) say which file and stand as they are.
void write_page(JobOutputs& outputs, const JobSpec& job, const std::vector<Record>& records,
                std::int64_t page_number) {
    try {
        outputs.write_page(records, page_number);
    } catch (const Error& error) {
        if (error.kind() != ErrorKind::bad_data) {
            throw;
        }
        throw Error(error.kind(), page_where(job, page_number) + error.what());
    }
}

std::string iso_now() {
    return Poco::DateTimeFormatter::format(Poco::DateTime(),
                                           Poco::DateTimeFormat::ISO8601_FRAC_FORMAT);
}

RunInfo new_run(const std::string& job) {
    static Poco::Random random;
    random.seed();
    const Poco::DateTime now;
    RunInfo run;
    run.job = job;
    run.extracted_at =
        Poco::DateTimeFormatter::format(now, Poco::DateTimeFormat::ISO8601_FRAC_FORMAT);
    run.date = Poco::DateTimeFormatter::format(now, "%Y-%m-%d");
    run.run_id = Poco::DateTimeFormatter::format(now, "%Y%m%dT%H%M%SZ-") +
                 Poco::NumberFormatter::formatHex(random.next() & 0xffffff, 6);
    return run;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) {
        text += (text.empty() ? "" : "; ") + line;
    }
    return text;
}

}  // namespace

RunRecord run_record(const JobResult& result) {
    return RunRecord{result.run_id,    result.job,     result.started_at, result.ended_at,
                     result.status,    result.records, result.pages,      result.retries,
                     result.refreshes, result.bytes,   result.error};
}

JobRunner::JobRunner(const JobsConfig& config, SessionPool& sessions, StateDb* state,
                     RateLimiters& limiters, ConsoleLogger& logger)
    : m_config(config),
      m_sessions(sessions),
      m_state(state),
      m_limiters(limiters),
      m_logger(logger) {}

Checkpoint JobRunner::take_up(const JobSpec& job, bool full_refresh, Paginator& paginator,
                              std::unique_ptr<JobOutputs>& outputs, JobResult& result) {
    const std::string print = job_fingerprint(m_config, job);
    if (auto saved = m_state->checkpoint(job.name)) {
        std::string why = full_refresh                  ? "--full-refresh was given"
                          : saved->fingerprint != print ? "the job's definition changed since"
                                                        : "";
        auto earlier = std::make_unique<JobOutputs>(m_config, job, run_of(*saved));
        if (why.empty() && !earlier->resume(*saved)) {
            why = "an output no longer holds the pages that were checkpointed";
        }
        if (why.empty()) {
            paginator.restore(saved->paging);
            outputs = std::move(earlier);
            result.resumed_from = saved->pages;
            result.resumed_records = saved->records;
            m_logger.event(LogLevel::info, "job_resume",
                           "job '" + job.name + "': resuming run " + saved->run_id +
                               " after page " + std::to_string(saved->pages));
            return *saved;
        }
        m_logger.event(LogLevel::warning, "job_restart",
                       "job '" + job.name + "': starting over (" + why + "); the unfinished run " +
                           saved->run_id + " is discarded");
        earlier->discard();
        m_state->drop_checkpoint(job.name);
        m_state->run_abandoned(saved->run_id, "discarded: " + why);
    }
    const RunInfo run = new_run(job.name);
    outputs = std::make_unique<JobOutputs>(m_config, job, run);
    outputs->start();
    Checkpoint fresh;
    fresh.job = job.name;
    fresh.run_id = run.run_id;
    fresh.extracted_at = run.extracted_at;
    fresh.date = run.date;
    fresh.fingerprint = print;
    return fresh;
}

// The job's thread writes each page while a thread of the job's fetches the next ones
// (extract/page_fetcher). A checkpoint costs an fsync of each output and one of the state
// database, so the pages stored are checkpointed after the first page this process stores, then
// at most once every k_checkpoint_every, and once more when the walk ends, fails or is stopped:
// pages fetched before a failure are still stored and counted. A process killed between two
// checkpoints loses nothing: the next run fetches those pages again, and the outputs drop what
// they hold already (SQLite's page count; JSON Lines cut back to the checkpoint's length).
void JobRunner::transfer_pages(const JobSpec& job, const RunOptions& options, Paginator& paginator,
                               JobOutputs* outputs, Checkpoint& checkpoint, JobResult& result) {
    const ProviderSpec& provider = m_config.providers.at(job.provider);
    const auto started = std::chrono::steady_clock::now();
    PageQueue<FetchedPage> queue(k_pages_ahead);
    std::vector<std::unique_ptr<AuthorizedClient>> clients;  // one a page fetched at once
    for (std::int64_t i = 0; i < job.paging.concurrency(); ++i) {
        clients.push_back(std::make_unique<AuthorizedClient>(
            m_sessions.session(job.provider), provider.retry,
            m_limiters.of(job.provider, provider.rate_limit),
            [&queue] { return stop_signal() != 0 || queue.cancelled(); }));
    }
    const FetchPlan plan{job, provider.base_url, checkpoint.pages + 1, options.dry_run};
    std::exception_ptr fetch_error;
    std::thread fetching([&, run_id = result.run_id] {
        const JobLogScope log_scope(job.name, job.provider);
        set_log_run_id(run_id);
        try {
            fetch_pages(clients, paginator, plan, queue);
        } catch (...) {
            fetch_error = std::current_exception();
        }
        queue.close();
    });
    std::optional<std::chrono::steady_clock::time_point>
        saved_at;  // this process's latest checkpoint
    std::int64_t saved_pages = checkpoint.pages;
    // Saves what is stored; on failure the checkpoint says what the last one saved.
    const auto save = [&] {
        if (!outputs || checkpoint.pages == saved_pages) {
            return;
        }
        try {
            save_checkpoint(*outputs, checkpoint);
        } catch (...) {
            checkpoint.pages = saved_pages;
            throw;
        }
        saved_at = std::chrono::steady_clock::now();
        saved_pages = checkpoint.pages;
    };
    try {
        while (auto fetched = queue.pop()) {
            store_page(job, *fetched, outputs, checkpoint, result);
            if (!saved_at || std::chrono::steady_clock::now() - *saved_at >= k_checkpoint_every) {
                save();
            }
            tell_progress(options.progress, fetched->totals, result, started);
        }
        fetching.join();
    } catch (...) {
        queue.cancel();
        if (fetching.joinable()) {
            fetching.join();
        }
        count_calls(clients, result);
        try {
            save();
        } catch (...) {
            // The error that stopped the walk is the one to tell.
        }
        throw;
    }
    count_calls(clients, result);
    save();
    if (fetch_error) {
        std::rethrow_exception(fetch_error);
    }
}

void JobRunner::save_checkpoint(JobOutputs& outputs, Checkpoint& checkpoint) {
    outputs.sync();
    checkpoint.sink_positions = outputs.positions();
    m_state->save_checkpoint(checkpoint);
    m_logger.event(LogLevel::debug, "checkpoint",
                   "job '" + checkpoint.job + "': checkpointed after page " +
                       std::to_string(checkpoint.pages));
}

void JobRunner::store_page(const JobSpec& job, const FetchedPage& fetched, JobOutputs* outputs,
                           Checkpoint& checkpoint, JobResult& result) {
    const auto& records = fetched.page.records;
    if (outputs) {
        write_page(*outputs, job, records, fetched.number);
    }
    checkpoint.pages = fetched.number;
    checkpoint.records += static_cast<std::int64_t>(records.size());
    result.pages = checkpoint.pages;
    result.records = checkpoint.records;
    checkpoint.paging = fetched.paging;
    m_logger.event(LogLevel::debug, "page",
                   "job '" + job.name + "': page " + std::to_string(fetched.number) + " stored, " +
                       std::to_string(records.size()) + " records");
}

void JobRunner::audit(const JobSpec& job, const Paginator& paginator, JobOutputs& outputs,
                      JobResult& result) {
    result.doubts =
        audit_run(AuditFacts{result.records, paginator.totals(), outputs.distinct_keys()});
    if (result.doubts.empty() || job.on_drift != OnDrift::fail) {
        return;
    }
    outputs.discard();
    m_state->drop_checkpoint(job.name);
    throw Error(ErrorKind::bad_data, "the integrity audit failed (on_drift: fail): " +
                                         joined(result.doubts) + "; the run was discarded");
}

void JobRunner::walk(const JobSpec& job, const RunOptions& options, JobResult& result) {
    auto paginator = make_paginator(job.paging);
    std::unique_ptr<JobOutputs> outputs;
    Checkpoint checkpoint;
    if (!options.dry_run) {
        checkpoint = take_up(job, options.full_refresh, *paginator, outputs, result);
        result.run_id = checkpoint.run_id;
        set_log_run_id(result.run_id);
        m_logger.lifecycle("job_start", "job '" + job.name + "': run " + result.run_id +
                                            " started" + (result.resumed_from ? " (resumed)" : ""));
        m_state->run_started(run_record(result));  // marked running whatever its status says
    }
    result.pages = checkpoint.pages;
    result.records = checkpoint.records;
    if (!checkpoint.finishing) {
        try {
            transfer_pages(job, options, *paginator, outputs.get(), checkpoint, result);
        } catch (const Error& error) {
            if (!outputs || checkpoint.pages > 0) {
                const std::string saved =
                    outputs ? "; " + std::to_string(checkpoint.pages) +
                                  " pages are saved and the next run resumes from page " +
                                  std::to_string(checkpoint.pages + 1)
                            : "";
                throw Error(error.kind(), error.what() + saved);
            }
            outputs->discard();
            throw;
        }
        if (options.dry_run) {
            return;
        }
        audit(job, *paginator, *outputs, result);
        checkpoint.finishing = true;
        m_state->save_checkpoint(checkpoint);
    }
    result.outputs = outputs->finish();
    m_state->drop_checkpoint(job.name);
}

JobResult JobRunner::run(const JobSpec& job, const RunOptions& options) {
    JobResult result;
    result.job = job.name;
    result.started_at = iso_now();
    const JobLogScope log_scope(job.name, job.provider);
    const auto started = std::chrono::steady_clock::now();
    try {
        std::optional<LockFile> lock;
        if (m_state) {
            lock.emplace(m_state->path(), "jobs", job.name);
            if (!lock->try_lock()) {
                throw Error(
                    ErrorKind::temporary,
                    "another apirunner process is running this job now (" + lock->path() + ")");
            }
        }
        walk(job, options, result);
    } catch (const Error& error) {
        result.failure = error.kind();
        result.error = redactor().redact(error.what());
    } catch (const Poco::Exception& error) {  // one a piece did not name: told by its class
        result.failure = storage_error_kind(error, ErrorKind::bad_data);
        result.error = redactor().redact(error.displayText());  // what() is only the class's name
    } catch (const std::exception& error) {
        result.failure = ErrorKind::bad_data;
        result.error = redactor().redact(error.what());
    }
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    result.status = !result.failure ? "ok" : stop_signal() ? "stopped" : "failed";
    result.ended_at = iso_now();
    if (m_state && !result.run_id.empty()) {
        try {
            m_state->run_ended(run_record(result));
        } catch (const Error& error) {
            m_logger.log(LogLevel::warning,
                         std::string("the run history could not be updated: ") + error.what());
        }
    }
    if (options.progress) {
        options.progress->job_done(job.name);
    }
    m_logger.lifecycle("job_end", "job '" + job.name + "': " + result.status + ", " +
                                      std::to_string(result.records) + " records, " +
                                      std::to_string(result.pages) + " pages" +
                                      (result.failure ? ": " + result.error : ""));
    return result;
}

}  // namespace apirunner
