#include "cli/progress_lines.hpp"

#include "log/console.hpp"

#include <cmath>
#include <sstream>

namespace apirunner {

std::string progress_line(const JobProgress& progress) {
    std::ostringstream line;
    line << progress.job << ": " << progress.records;
    if (progress.total && *progress.total >= progress.records) {
        line << " of " << *progress.total;
    }
    line << " records, " << progress.pages << " pages";
    const double fetched = static_cast<double>(progress.records - progress.resumed_records);
    if (progress.seconds > 0 && fetched > 0) {
        const double rate = fetched / progress.seconds;
        line << ", " << std::llround(rate) << " records/s";
        if (progress.total && *progress.total > progress.records) {
            line << ", about "
                 << std::llround(static_cast<double>(*progress.total - progress.records) / rate)
                 << " s left";
        }
    }
    return line.str();
}

void ProgressLines::page_done(const JobProgress& progress) {
    Console::instance().set_status(progress.job, progress_line(progress));
}

void ProgressLines::job_done(const std::string& job) { Console::instance().drop_status(job); }

ProgressListener* terminal_progress() {
    static ProgressLines lines;
    return Console::instance().status_lines_enabled() ? &lines : nullptr;
}

}  // namespace apirunner
