#include "metrics/run_metrics.hpp"

#include "io/atomic_file.hpp"

#include <functional>
#include <sstream>

namespace apirunner {
namespace {

// A label value as the format wants it: backslash, double quote and newline escaped.
std::string label(const std::string& value) {
    std::string escaped;
    for (char c : value) {
        if (c == '\\' || c == '"') {
            escaped += '\\';
        }
        escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
    }
    return escaped;
}

}  // namespace

void RunMetrics::record(const JobResult& result, Instant ended) {
    std::lock_guard<std::mutex> lock(m_mutex);
    JobFigures& figures = m_jobs[result.job];
    (result.failure ? figures.runs_failed : figures.runs_ok) += 1;
    // A resumed run's earlier pages were counted by the run that wrote them.
    figures.records += result.records - result.resumed_records;
    figures.pages += result.pages - result.resumed_from;
    figures.retries += result.retries;
    figures.refreshes += result.refreshes;
    figures.bytes += result.bytes;
    figures.last_duration = result.seconds;
    if (!result.failure) {
        figures.last_success = ended.time_since_epoch().count();
    }
    if (const auto bookmark = parse_instant(result.bookmark_after);
        result.incremental && bookmark) {
        figures.bookmark = bookmark->time_since_epoch().count();
    }
}

std::string RunMetrics::text() const {
    using Figure = std::function<void(std::ostream&, const std::string&, const JobFigures&)>;
    struct Family {
        const char* name;
        const char* type;
        const char* help;
        Figure write;
    };
    const Family families[] = {
        {"apirunner_runs_total", "counter", "Runs of the job that ended, by status.",
         [](std::ostream& out, const std::string& job, const JobFigures& f) {
             out << "apirunner_runs_total{job=\"" << job << "\",status=\"ok\"} " << f.runs_ok
                 << "\n"
                 << "apirunner_runs_total{job=\"" << job << "\",status=\"failed\"} "
                 << f.runs_failed << "\n";
         }},
        {"apirunner_records_total", "counter", "Records the job's runs wrote.",
         [](std::ostream& out, const std::string& job, const JobFigures& f) {
             out << "apirunner_records_total{job=\"" << job << "\"} " << f.records << "\n";
         }},
        {"apirunner_pages_total", "counter", "Pages the job's runs read.",
         [](std::ostream& out, const std::string& job, const JobFigures& f) {
             out << "apirunner_pages_total{job=\"" << job << "\"} " << f.pages << "\n";
         }},
        {"apirunner_retries_total", "counter", "Requests of the job that were tried again.",
         [](std::ostream& out, const std::string& job, const JobFigures& f) {
             out << "apirunner_retries_total{job=\"" << job << "\"} " << f.retries << "\n";
         }},
        {"apirunner_session_refreshes_total", "counter",
         "Session renewals during the job's runs (due keep-alives, 401 recoveries).",
         [](std::ostream& out, const std::string& job, const JobFigures& f) {
             out << "apirunner_session_refreshes_total{job=\"" << job << "\"} " << f.refreshes
                 << "\n";
         }},
        {"apirunner_received_bytes_total", "counter", "Response bytes the job's runs received.",
         [](std::ostream& out, const std::string& job, const JobFigures& f) {
             out << "apirunner_received_bytes_total{job=\"" << job << "\"} " << f.bytes << "\n";
         }},
        {"apirunner_run_duration_seconds", "gauge", "How long the job's last run took.",
         [](std::ostream& out, const std::string& job, const JobFigures& f) {
             out << "apirunner_run_duration_seconds{job=\"" << job << "\"} " << f.last_duration
                 << "\n";
         }},
        {"apirunner_last_success_timestamp_seconds", "gauge",
         "When the job last ended well (Unix time; 0: never).",
         [](std::ostream& out, const std::string& job, const JobFigures& f) {
             out << "apirunner_last_success_timestamp_seconds{job=\"" << job << "\"} "
                 << f.last_success << "\n";
         }},
        {"apirunner_bookmark_timestamp_seconds", "gauge",
         "An incremental job's bookmark, when it is a time (Unix time): how fresh its data is.",
         [](std::ostream& out, const std::string& job, const JobFigures& f) {
             if (f.bookmark) {
                 out << "apirunner_bookmark_timestamp_seconds{job=\"" << job << "\"} "
                     << *f.bookmark << "\n";
             }
         }},
    };
    std::lock_guard<std::mutex> lock(m_mutex);
    std::ostringstream out;
    for (const Family& family : families) {
        out << "# HELP " << family.name << " " << family.help << "\n# TYPE " << family.name << " "
            << family.type << "\n";
        for (const auto& [job, figures] : m_jobs) {
            family.write(out, label(job), figures);
        }
    }
    return out.str();
}

void RunMetrics::write_file(const std::string& path) const {
    write_file_atomically(path, text(), "the metrics file");
}

}  // namespace apirunner
