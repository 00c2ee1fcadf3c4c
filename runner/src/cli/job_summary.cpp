#include "cli/job_summary.hpp"

#include <iomanip>

namespace apirunner {

void print_job_summary(const JobResult& result, bool dry_run, std::ostream& out, std::ostream& err) {
    if (result.failure) {
        err << "apirunner: job '" << result.job << "' failed (" << to_string(*result.failure)
            << "): " << result.error << std::endl;
        return;
    }
    out << "job " << result.job << ": " << (dry_run ? "dry run ok, " : "ok, ") << result.records
        << " records, " << result.pages << " pages, " << std::fixed << std::setprecision(2)
        << result.seconds << " s" << (result.retries ? ", " + std::to_string(result.retries) + " retries" : "")
        << (result.resumed_from ? ", resumed after page " + std::to_string(result.resumed_from) : "")
        << "\n";
    for (const auto& output : result.outputs) {
        out << "  -> " << output << "\n";
    }
    for (const auto& doubt : result.doubts) {
        out << "  warning: " << doubt << "\n";
    }
    out << std::flush;
}

}  // namespace apirunner
