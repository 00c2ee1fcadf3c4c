#include "extract/job_runner.hpp"

#include "config/job_fingerprint.hpp"
#include "extract/integrity_audit.hpp"
#include "extract/page_parser.hpp"
#include "extract/stop_request.hpp"
#include "http/authorized_client.hpp"
#include "log/log_context.hpp"
#include "log/redactor.hpp"
#include "state/lock_file.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/NumberFormatter.h>
#include <Poco/Random.h>
#include <Poco/URI.h>

#include <chrono>

namespace apirunner {
namespace {

std::string page_url(const std::string& base_url, const RequestSpec& request,
                     const PageRequest& paging) {
    if (paging.url) {
        return *paging.url;  // the provider's own next-page URL carries every parameter
    }
    Poco::URI uri(base_url + request.path);
    for (const auto& [name, value] : request.params) {
        uri.addQueryParameter(name, value);
    }
    for (const auto& [name, value] : paging.params) {
        uri.addQueryParameter(name, value);
    }
    return uri.toString();
}

struct FetchedPage {
    HttpResponse response;
    ParsedPage page;
};

// "page 3 of /api/v3.0/organizations: ", the start of every message about one page.
std::string page_where(const JobSpec& job, std::int64_t page_number) {
    return "page " + std::to_string(page_number) + " of " + job.request.path + ": ";
}

// One page, fetched and parsed. A 2xx whose JSON does not parse is a page cut short more often
// than a provider that changed its mind, so it is fetched again like any transient failure.
FetchedPage fetch_page(AuthorizedClient& client, const HttpRequest& request, const JobSpec& job,
                       std::int64_t page_number) {
    for (int attempt = 1;; ++attempt) {
        FetchedPage fetched{client.send(request), {}};
        try {
            fetched.page = parse_page(fetched.response.body, job.paging.records);
            return fetched;
        } catch (const Error& error) {
            const std::string where = page_where(job, page_number);
            if (!client.may_retry(attempt)) {
                throw Error(error.kind(), where + error.what());
            }
            client.back_off(attempt, where + error.what() + "; fetching it again");
        }
    }
}

void tell_progress(ProgressListener* listener, const Paginator& paginator, const JobResult& result,
                   std::chrono::steady_clock::time_point started) {
    if (!listener) {
        return;
    }
    JobProgress progress;
    progress.job = result.job;
    progress.records = result.records;
    progress.pages = result.pages;
    progress.resumed_records = result.resumed_records;
    const Totals& totals = paginator.totals();
    progress.total = totals.last ? totals.last : totals.first;
    progress.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    listener->page_done(progress);
}

void count_calls(const CallStats& stats, JobResult& result) {
    result.retries = stats.retries;
    result.refreshes = stats.refreshes;
    result.bytes = stats.bytes;
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
    return Poco::DateTimeFormatter::format(Poco::DateTime(), Poco::DateTimeFormat::ISO8601_FRAC_FORMAT);
}

RunInfo new_run(const std::string& job) {
    static Poco::Random random;
    random.seed();
    const Poco::DateTime now;
    RunInfo run;
    run.job = job;
    run.extracted_at = Poco::DateTimeFormatter::format(now, Poco::DateTimeFormat::ISO8601_FRAC_FORMAT);
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
    return RunRecord{result.run_id,  result.job,   result.started_at, result.ended_at,
                     result.status,  result.records, result.pages,    result.retries,
                     result.refreshes, result.bytes, result.error};
}

JobRunner::JobRunner(const JobsConfig& config, SessionPool& sessions, StateDb* state, RateLimiters& limiters,
                     ConsoleLogger& logger)
    : m_config(config), m_sessions(sessions), m_state(state), m_limiters(limiters), m_logger(logger) {}

Checkpoint JobRunner::take_up(const JobSpec& job, bool full_refresh, Paginator& paginator,
                              std::unique_ptr<JobOutputs>& outputs, JobResult& result) {
    const std::string print = job_fingerprint(m_config, job);
    if (auto saved = m_state->checkpoint(job.name)) {
        std::string why = full_refresh                   ? "--full-refresh was given"
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
            m_logger.event(LogLevel::info, "job_resume", "job '" + job.name + "': resuming run " + saved->run_id +
                                                             " after page " + std::to_string(saved->pages));
            return *saved;
        }
        m_logger.event(LogLevel::warning, "job_restart", "job '" + job.name + "': starting over (" + why +
                                                             "); the unfinished run " + saved->run_id + " is discarded");
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

void JobRunner::fetch_pages(const JobSpec& job, const RunOptions& options, Paginator& paginator,
                            JobOutputs* outputs, Checkpoint& checkpoint, JobResult& result) {
    const ProviderSpec& provider = m_config.providers.at(job.provider);
    const auto started = std::chrono::steady_clock::now();
    AuthorizedClient client(m_sessions.session(job.provider), provider.retry,
                            m_limiters.of(job.provider, provider.rate_limit),
                            [] { return stop_signal() != 0; });
    try {
        while (auto paging = paginator.next()) {
            if (const int signal = stop_signal()) {
                throw Error(ErrorKind::temporary, std::string("stopped by ") + signal_name(signal));
            }
            HttpRequest request;
            request.method = job.request.method;
            request.url = page_url(provider.base_url, job.request, *paging);
            request.set_header("Accept", "application/json");
            const std::int64_t number = checkpoint.pages + 1;
            auto [response, page] = fetch_page(client, request, job, number);
            if (outputs) {
                write_page(*outputs, job, page.records, number);
            }
            paginator.accept(Page{page.body, page.records.size(), response.headers, response.url});
            checkpoint.pages = number;
            checkpoint.records += static_cast<std::int64_t>(page.records.size());
            result.pages = checkpoint.pages;
            result.records = checkpoint.records;
            if (options.dry_run) {
                break;
            }
            checkpoint.paging = paginator.save();
            checkpoint.sink_positions = outputs->positions();
            m_state->save_checkpoint(checkpoint);
            m_logger.event(LogLevel::debug, "page", "job '" + job.name + "': page " + std::to_string(number) +
                                                        " checkpointed, " + std::to_string(page.records.size()) +
                                                        " records");
            tell_progress(options.progress, paginator, result, started);
        }
    } catch (...) {
        count_calls(client.stats(), result);
        throw;
    }
    count_calls(client.stats(), result);
}

void JobRunner::audit(const JobSpec& job, const Paginator& paginator, JobOutputs& outputs, JobResult& result) {
    result.doubts = audit_run(AuditFacts{result.records, paginator.totals(), outputs.distinct_keys()});
    if (result.doubts.empty() || job.on_drift != "fail") {
        return;
    }
    outputs.discard();
    m_state->drop_checkpoint(job.name);
    throw Error(ErrorKind::bad_data, "the integrity audit failed (on_drift: fail): " + joined(result.doubts) +
                                         "; the run was discarded");
}

void JobRunner::walk(const JobSpec& job, const RunOptions& options, JobResult& result) {
    auto paginator = make_paginator(job.paging);
    std::unique_ptr<JobOutputs> outputs;
    Checkpoint checkpoint;
    if (!options.dry_run) {
        checkpoint = take_up(job, options.full_refresh, *paginator, outputs, result);
        result.run_id = checkpoint.run_id;
        set_log_run_id(result.run_id);
        m_logger.lifecycle("job_start", "job '" + job.name + "': run " + result.run_id + " started" +
                                            (result.resumed_from ? " (resumed)" : ""));
        m_state->run_started(run_record(result));  // marked running whatever its status says
    }
    result.pages = checkpoint.pages;
    result.records = checkpoint.records;
    if (!checkpoint.finishing) {
        try {
            fetch_pages(job, options, *paginator, outputs.get(), checkpoint, result);
        } catch (const Error& error) {
            if (!outputs || checkpoint.pages > 0) {
                const std::string saved = outputs ? "; " + std::to_string(checkpoint.pages) +
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
                throw Error(ErrorKind::temporary, "another apirunner process is running this job now (" +
                                                      lock->path() + ")");
            }
        }
        walk(job, options, result);
    } catch (const Error& error) {
        result.failure = error.kind();
        result.error = redactor().redact(error.what());
    } catch (const Poco::Exception& error) {
        result.failure = ErrorKind::bad_data;
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
        } catch (const Poco::Exception& error) {
            m_logger.log(LogLevel::warning, "the run history could not be updated: " + error.displayText());
        }
    }
    if (options.progress) {
        options.progress->job_done(job.name);
    }
    m_logger.lifecycle("job_end", "job '" + job.name + "': " + result.status + ", " + std::to_string(result.records) +
                                      " records, " + std::to_string(result.pages) + " pages" +
                                      (result.failure ? ": " + result.error : ""));
    return result;
}

}  // namespace apirunner
