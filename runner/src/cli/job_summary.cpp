#include "cli/job_summary.hpp"

#include "log/console.hpp"

#include <iomanip>
#include <sstream>

namespace apirunner {

void print_job_summary(const JobResult& result, const CliOptions& options, std::ostream& out,
                       std::ostream& err) {
    if (result.failure) {
        Console::instance().print(err, "apirunner: job '" + result.job + "' failed (" +
                                           to_string(*result.failure) + "): " + result.error +
                                           "\n");
        return;
    }
    std::ostringstream text;
    if (!options.quiet) {
        text << "job " << result.job << ": " << (options.dry_run ? "dry run ok, " : "ok, ")
             << result.records << " records, " << result.pages << " pages, " << std::fixed
             << std::setprecision(2) << result.seconds << " s"
             << (result.retries ? ", " + std::to_string(result.retries) + " retries" : "")
             << (result.resumed_from ? ", resumed after page " + std::to_string(result.resumed_from)
                                     : "")
             << "\n";
        for (const auto& output : result.outputs) {
            text << "  -> " << output << "\n";
        }
        if (result.incremental && !options.dry_run) {
            const auto shown = [](const std::string& value) {
                return value.empty() ? std::string("(none)") : value;
            };
            text << "  bookmark: "
                 << (result.bookmark_before == result.bookmark_after
                         ? shown(result.bookmark_after) + " (unchanged)"
                         : shown(result.bookmark_before) + " -> " + shown(result.bookmark_after))
                 << "\n";
        }
    }
    for (const auto& doubt : result.doubts) {
        text << (options.quiet ? "job " + result.job + ": " : "  ") << "warning: " << doubt << "\n";
    }
    Console::instance().print(out, text.str());
}

}  // namespace apirunner
