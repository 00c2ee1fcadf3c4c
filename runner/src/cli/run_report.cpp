#include "cli/run_report.hpp"

#include "cli/exit_codes.hpp"
#include "io/atomic_file.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace apirunner {
namespace {

Poco::Dynamic::Var text_or_null(const std::string& text) {
    return text.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(text);
}

Poco::JSON::Array array_of(const std::vector<std::string>& items) {
    Poco::JSON::Array array;
    for (const auto& item : items) {
        array.add(item);
    }
    return array;
}

Poco::JSON::Object job_object(const JobResult& result) {
    Poco::JSON::Object job = run_json(run_record(result));
    job.set("exit_code", result.failure ? exit_code_for(*result.failure) : 0);
    job.set("failure",
            result.failure ? Poco::Dynamic::Var(to_string(*result.failure)) : Poco::Dynamic::Var());
    job.set("seconds", result.seconds);
    job.set("resumed_after_page", result.resumed_from);
    job.set("outputs", array_of(result.outputs));
    job.set("warnings", array_of(result.doubts));
    return job;
}

}  // namespace

Poco::JSON::Object run_json(const RunRecord& run) {
    Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
    object.set("run_id", text_or_null(run.run_id));
    object.set("job", run.job);
    object.set("started_at", text_or_null(run.started_at));
    object.set("ended_at", text_or_null(run.ended_at));
    object.set("status", run.status);
    object.set("records", run.records);
    object.set("pages", run.pages);
    object.set("retries", run.retries);
    object.set("refreshes", run.refreshes);
    object.set("bytes", run.bytes);
    object.set("error", text_or_null(run.error));
    object.set("bookmark_before", text_or_null(run.bookmark_before));
    object.set("bookmark_after", text_or_null(run.bookmark_after));
    return object;
}

RunReport::RunReport(std::string config_path, std::string started_at)
    : m_config_path(std::move(config_path)), m_started_at(std::move(started_at)) {}

void RunReport::job_ran(const JobResult& result) { m_jobs.push_back(result); }

void RunReport::job_not_started(const std::string& job, const std::string& why) {
    JobResult skipped;
    skipped.job = job;
    skipped.status = "not_started";
    skipped.failure = ErrorKind::temporary;
    skipped.error = why;
    m_jobs.push_back(skipped);
}

void RunReport::refused(const std::vector<std::string>& problems) { m_problems = problems; }

std::string RunReport::json(int exit_code, const std::string& ended_at, double seconds) const {
    Poco::JSON::Object report(Poco::JSON_PRESERVE_KEY_ORDER);
    report.set("apirunner", APIRUNNER_VERSION);
    report.set("config", m_config_path);
    report.set("started_at", m_started_at);
    report.set("ended_at", ended_at);
    report.set("seconds", seconds);
    report.set("exit_code", exit_code);
    report.set("problems", array_of(m_problems));
    Poco::JSON::Array jobs;
    for (const auto& result : m_jobs) {
        jobs.add(job_object(result));
    }
    report.set("jobs", jobs);
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(report, out, 2);
    out << "\n";
    return out.str();
}

void RunReport::write(const std::string& path, int exit_code, const std::string& ended_at,
                      double seconds) const {
    write_file_atomically(path, json(exit_code, ended_at, seconds), "the run report");
}

}  // namespace apirunner
