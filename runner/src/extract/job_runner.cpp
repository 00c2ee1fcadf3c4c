#include "extract/job_runner.hpp"

#include "extract/stop_request.hpp"
#include "log/log_context.hpp"
#include "log/redactor.hpp"
#include "state/lock_file.hpp"
#include "state/storage_error.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>

#include <chrono>
#include <optional>

namespace apirunner {
namespace {

std::string iso_now() {
    return Poco::DateTimeFormatter::format(Poco::DateTime(),
                                           Poco::DateTimeFormat::ISO8601_FRAC_FORMAT);
}

}  // namespace

RunRecord run_record(const JobResult& result) {
    return RunRecord{result.run_id,        result.job,     result.started_at,
                     result.ended_at,      result.status,  result.records,
                     result.pages,         result.retries, result.refreshes,
                     result.bytes,         result.error,   result.bookmark_before,
                     result.bookmark_after};
}

JobResult JobRunner::run(const JobSpec& job, const RunOptions& options) {
    JobResult result;
    result.job = job.name;
    result.started_at = iso_now();
    const JobLogScope log_scope(job.name, job.provider);
    const auto started = std::chrono::steady_clock::now();
    try {
        std::optional<LockFile> lock;
        if (m_context.state) {
            lock.emplace(m_context.state->path(), "jobs", job.name);
            if (!lock->try_lock()) {
                throw Error(
                    ErrorKind::temporary,
                    "another apirunner process is running this job now (" + lock->path() + ")");
            }
        }
        JobRun(m_context, job, options, result).execute();
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
    if (m_context.state && !result.run_id.empty()) {
        try {
            m_context.state->run_ended(run_record(result));
        } catch (const Error& error) {
            m_context.logger.log(
                LogLevel::warning,
                std::string("the run history could not be updated: ") + error.what());
        }
    }
    if (options.progress) {
        options.progress->job_done(job.name);
    }
    m_context.logger.lifecycle("job_end", "job '" + job.name + "': " + result.status + ", " +
                                              std::to_string(result.records) + " records, " +
                                              std::to_string(result.pages) + " pages" +
                                              (result.failure ? ": " + result.error : ""));
    return result;
}

}  // namespace apirunner
