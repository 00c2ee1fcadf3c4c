#include "extract/job_run.hpp"

#include "config/job_fingerprint.hpp"
#include "extract/fetching_thread.hpp"
#include "extract/integrity_audit.hpp"
#include "extract/stop_request.hpp"
#include "incremental/token_paginator.hpp"
#include "log/log_context.hpp"
#include "log/redactor.hpp"
#include "plugins/authorized_client.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/NumberFormatter.h>
#include <Poco/Random.h>

namespace apirunner {
namespace {

// How many fetched pages may wait for the writer: enough to ride out one slow fsync or one slow
// response, few enough that memory stays a handful of pages.
constexpr std::size_t k_pages_ahead = 2;

// How often the pages stored are checkpointed, at most (see transfer_pages).
constexpr std::chrono::seconds k_checkpoint_every{1};

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

JobRun::JobRun(const RunContext& context, const JobSpec& job, const RunOptions& options,
               JobResult& result)
    : m_context(context),
      m_job(job),
      m_options(options),
      m_result(result),
      m_paginator(make_paginator(job.paging)) {}

void JobRun::execute() {
    if (dry_run()) {
        plan_range();
    } else {
        take_up();
        m_result.run_id = m_checkpoint.run_id;
        set_log_run_id(m_result.run_id);
        m_context.logger.lifecycle("job_start", "job '" + m_job.name + "': run " + m_result.run_id +
                                                    " started" +
                                                    (m_result.resumed_from ? " (resumed)" : ""));
        m_context.state->run_started(run_record(m_result));  // marked running whatever it says
    }
    m_result.pages = m_checkpoint.pages;
    m_result.records = m_checkpoint.records;
    if (!m_checkpoint.finishing) {
        try {
            transfer_pages();
        } catch (const Error& error) {
            if (!m_outputs || m_checkpoint.pages > 0) {
                const std::string saved =
                    m_outputs ? "; " + std::to_string(m_checkpoint.pages) +
                                    " pages are saved and the next run resumes from page " +
                                    std::to_string(m_checkpoint.pages + 1)
                              : "";
                throw Error(error.kind(), error.what() + saved);
            }
            m_outputs->discard();
            throw;
        }
        if (dry_run()) {
            return;
        }
        audit();
        m_checkpoint.finishing = true;
        m_context.state->save_checkpoint(m_checkpoint);
    }
    finish();
}

void JobRun::finish() {
    m_result.outputs = m_outputs->finish();
    std::optional<std::string> bookmark;
    if (m_incremental) {
        bookmark = m_incremental->next_bookmark(m_stored_bookmark, m_checkpoint.paging);
        if (m_job.incremental->by_token() && m_incremental->moves_bookmark() &&
            !TokenPaginator::token_in(m_checkpoint.paging) && m_checkpoint.pages > 0) {
            m_result.doubts.push_back("the last page had no " + m_job.incremental->token +
                                      " (a string or a number); the bookmark stays");
        }
        if (m_unreadable_cursors > 0) {  // a wrong cursor path shows in the summary
            m_result.doubts.push_back(std::to_string(m_unreadable_cursors) +
                                      " records had no usable " + m_job.incremental->cursor +
                                      "; the bookmark does not count them");
        }
    }
    m_context.state->finish_run(m_job.name, m_checkpoint.run_id, bookmark);
    if (bookmark) {  // shown as the logs are: a key a provider put in a link is not
        m_result.bookmark_after = redactor().redact(*bookmark);
    }
}

void JobRun::plan_range() {
    if (!m_job.incremental) {
        return;
    }
    const auto bookmark = bookmark_now();
    m_incremental.emplace(*m_job.incremental, m_job.primary_key, bookmark, m_options.range,
                          date::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    m_paginator = m_incremental->paginator(m_job.paging);
    m_context.logger.event(LogLevel::info, "range",
                           "job '" + m_job.name + "': asking for " + m_incremental->describe() +
                               (bookmark ? " (bookmark " + *bookmark + ")" : ""));
}

std::optional<std::string> JobRun::bookmark_now() {
    std::optional<std::string> bookmark;
    if (StateDb* state = dry_run() ? m_context.bookmarks : m_context.state) {
        if (const auto row = state->bookmark(m_job.name)) {
            bookmark = row->value;
        }
    }
    m_result.incremental = true;
    m_stored_bookmark = bookmark;
    m_result.bookmark_before = redactor().redact(bookmark.value_or(""));
    m_result.bookmark_after = m_result.bookmark_before;  // until the run succeeds
    return bookmark;
}

void JobRun::see_cursors(const FetchedPage& fetched) {
    if (!m_incremental) {
        return;
    }
    const auto unreadable = m_incremental->see(fetched.page.records);
    for (const auto& line : unreadable) {
        if (++m_unreadable_cursors <= 5) {  // a few examples; the count comes at the end
            m_context.logger.event(
                LogLevel::warning, "bookmark",
                "job '" + m_job.name + "': " + page_where(m_job, fetched.number) + line);
        }
    }
}

void JobRun::take_up() {
    StateDb& state = *m_context.state;
    const std::string print = job_fingerprint(m_context.config, m_job);
    if (auto saved = state.checkpoint(m_job.name)) {
        const bool other_range = !m_options.range.since.empty() || !m_options.range.until.empty();
        std::string why = m_options.full_refresh        ? "--full-refresh was given"
                          : saved->fingerprint != print ? "the job's definition changed since"
                          : other_range                 ? "--since/--until asks for another range"
                                                        : "";
        if (saved->finishing && !why.empty()) {
            // Every page is stored and publishing began: finish that, never throw it away.
            m_context.logger.event(LogLevel::warning, "job_finish_earlier",
                                   "job '" + m_job.name + "': run " + saved->run_id +
                                       " had stored every page; publishing it first (" + why +
                                       ": run again for that)");
            why.clear();
        }
        auto earlier = std::make_unique<JobOutputs>(m_context.config, m_job, run_of(*saved));
        if (why.empty() && !earlier->resume(*saved)) {
            why = "an output no longer holds the pages that were checkpointed";
        }
        if (why.empty()) {
            if (m_job.incremental) {
                try {
                    m_incremental.emplace(*m_job.incremental, m_job.primary_key,
                                          saved->incremental);
                    m_paginator = m_incremental->paginator(m_job.paging);
                } catch (const Error&) {
                    if (!saved->finishing) {
                        throw;
                    }
                    // A run of an earlier definition, only to publish: the bookmark stays.
                    m_incremental.reset();
                }
                bookmark_now();
            }
            if (!saved->finishing) {  // nothing is left to fetch: the walk is not needed
                m_paginator->restore(saved->paging);
            }
            if (m_incremental && !m_incremental->moves_bookmark()) {
                m_context.logger.event(
                    LogLevel::info, "range",
                    "job '" + m_job.name + "': going on with the one-off range " +
                        m_incremental->describe() + " of the unfinished run; the bookmark stays");
            }
            m_outputs = std::move(earlier);
            m_result.resumed_from = saved->pages;
            m_result.resumed_records = saved->records;
            m_context.logger.event(LogLevel::info, "job_resume",
                                   "job '" + m_job.name + "': resuming run " + saved->run_id +
                                       " after page " + std::to_string(saved->pages));
            m_checkpoint = *saved;
            m_checkpointed_pages = saved->pages;
            return;
        }
        m_context.logger.event(LogLevel::warning, "job_restart",
                               "job '" + m_job.name + "': starting over (" + why +
                                   "); the unfinished run " + saved->run_id + " is discarded");
        earlier->discard();
        state.drop_checkpoint(m_job.name);
        state.run_abandoned(saved->run_id, "discarded: " + why);
    }
    const RunInfo run = new_run(m_job.name);
    m_outputs = std::make_unique<JobOutputs>(m_context.config, m_job, run);
    m_outputs->start();
    m_checkpoint.job = m_job.name;
    m_checkpoint.run_id = run.run_id;
    m_checkpoint.extracted_at = run.extracted_at;
    m_checkpoint.date = run.date;
    m_checkpoint.fingerprint = print;
    plan_range();
}

// The job's thread writes each page while a thread of the job's fetches the next ones
// (extract/fetching_thread). A checkpoint costs an fsync of each output and one of the state
// database, so the pages stored are checkpointed after the first page this process stores, then
// at most once every k_checkpoint_every, and once more when the walk ends, fails or is stopped:
// pages fetched before a failure are still stored and counted. A process killed between two
// checkpoints loses nothing: the next run fetches those pages again, and the outputs drop what
// they hold already (SQLite's page count; JSON Lines cut back to the checkpoint's length).
void JobRun::transfer_pages() {
    m_started = std::chrono::steady_clock::now();
    PageQueue<FetchedPage> queue(k_pages_ahead);
    const auto clients = make_clients(queue);
    const FetchPlan plan{m_job, m_context.config.providers.at(m_job.provider).base_url,
                         m_checkpoint.pages + 1, dry_run(),
                         m_incremental ? m_incremental->params() : PageParams{}};
    try {
        FetchingThread fetching(clients, *m_paginator, plan, queue, m_result.run_id);
        while (auto fetched = queue.pop()) {
            store(*fetched);
            checkpoint_if_due();
            tell_progress(fetched->totals);
        }
        fetching.finish();
    } catch (...) {
        count_calls(clients);
        try {
            checkpoint();
        } catch (...) {
            // The error that stopped the walk is the one to tell.
        }
        throw;
    }
    count_calls(clients);
    checkpoint();
}

// One client a page fetched at once, each on the provider's shared session; a stop signal or
// a writer that gave up cuts their waits short.
std::vector<std::unique_ptr<AuthorizedClient>> JobRun::make_clients(
    const PageQueue<FetchedPage>& queue) {
    const ProviderSpec& provider = m_context.config.providers.at(m_job.provider);
    std::vector<std::unique_ptr<AuthorizedClient>> clients;
    for (std::int64_t i = 0; i < m_job.paging.concurrency(); ++i) {
        clients.push_back(std::make_unique<AuthorizedClient>(
            m_context.sessions.session(m_job.provider), provider.retry,
            m_context.limiters.of(m_job.provider, provider.rate_limit),
            [&queue] { return stop_signal() != 0 || queue.cancelled(); }));
    }
    return clients;
}

// A record the outputs refuse (no primary key) is named with its page, like a page that does
// not parse; the outputs' own failures (a full disk) say which file and stand as they are.
void JobRun::store(const FetchedPage& fetched) {
    const auto& records = fetched.page.records;
    if (m_outputs) {
        try {
            m_outputs->write_page(records, fetched.number);
        } catch (const Error& error) {
            if (error.kind() != ErrorKind::bad_data) {
                throw;
            }
            throw Error(error.kind(), page_where(m_job, fetched.number) + error.what());
        }
    }
    see_cursors(fetched);
    m_checkpoint.pages = fetched.number;
    m_checkpoint.records += static_cast<std::int64_t>(records.size());
    m_checkpoint.paging = fetched.paging;
    m_result.pages = m_checkpoint.pages;
    m_result.records = m_checkpoint.records;
    m_context.logger.event(LogLevel::debug, "page",
                           "job '" + m_job.name + "': page " + std::to_string(fetched.number) +
                               " stored, " + std::to_string(records.size()) + " records");
}

void JobRun::checkpoint_if_due() {
    if (!m_checkpointed_at ||
        std::chrono::steady_clock::now() - *m_checkpointed_at >= k_checkpoint_every) {
        checkpoint();
    }
}

// Makes the pages stored durable in every output, then saves the checkpoint that counts them.
// On failure the checkpoint in hand goes back to what the last saved one says.
void JobRun::checkpoint() {
    if (!m_outputs || m_checkpoint.pages == m_checkpointed_pages) {
        return;
    }
    try {
        m_outputs->sync();
        m_checkpoint.sink_positions = m_outputs->positions();
        if (m_incremental) {  // the range, and the highest value of the pages counted
            m_checkpoint.incremental = m_incremental->save();
        }
        m_context.state->save_checkpoint(m_checkpoint);
    } catch (...) {
        m_checkpoint.pages = m_checkpointed_pages;
        throw;
    }
    m_checkpointed_at = std::chrono::steady_clock::now();
    m_checkpointed_pages = m_checkpoint.pages;
    m_context.logger.event(
        LogLevel::debug, "checkpoint",
        "job '" + m_job.name + "': checkpointed after page " + std::to_string(m_checkpoint.pages));
}

void JobRun::count_calls(const std::vector<std::unique_ptr<AuthorizedClient>>& clients) {
    for (const auto& client : clients) {
        m_result.retries += client->stats().retries;
        m_result.refreshes += client->stats().refreshes;
        m_result.bytes += client->stats().bytes;
    }
}

void JobRun::audit() {
    m_result.doubts =
        audit_run(AuditFacts{m_result.records, m_paginator->totals(), m_outputs->distinct_keys()});
    if (m_result.doubts.empty() || m_job.on_drift != OnDrift::fail) {
        return;
    }
    m_outputs->discard();
    m_context.state->drop_checkpoint(m_job.name);
    throw Error(ErrorKind::bad_data, "the integrity audit failed (on_drift: fail): " +
                                         joined(m_result.doubts) + "; the run was discarded");
}

void JobRun::tell_progress(const Totals& totals) const {
    if (!m_options.progress) {
        return;
    }
    JobProgress progress;
    progress.job = m_result.job;
    progress.records = m_result.records;
    progress.pages = m_result.pages;
    progress.resumed_records = m_result.resumed_records;
    progress.total = totals.last ? totals.last : totals.first;
    progress.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
    m_options.progress->page_done(progress);
}

}  // namespace apirunner
