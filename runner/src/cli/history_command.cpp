// apirunner history: the runs table of the state database, as a table or as JSON.
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/run_report.hpp"
#include "config/config_loader.hpp"
#include "state/state_db.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <iomanip>

namespace apirunner {
namespace {

// "2026-11-23T10:00:00.123456Z" as a table shows it: "2026-11-23 10:00:00".
std::string to_the_second(const std::string& iso) {
    std::string shown = iso.substr(0, 19);
    std::replace(shown.begin(), shown.end(), 'T', ' ');
    return shown;
}

// Its time of day, "10:00:00", or "" for a run that has not ended (running, or killed).
std::string time_of_day(const std::string& iso) {
    return iso.size() >= 19 ? iso.substr(11, 8) : "";
}

void print_table(const std::vector<RunRecord>& runs, std::ostream& out) {
    std::vector<std::vector<std::string>> rows = {{"RUN", "JOB", "STARTED (UTC)", "ENDED", "STATUS",
                                                   "RECORDS", "PAGES", "RETRIES", "REFRESHES",
                                                   "BYTES", "BOOKMARK", "ERROR"}};
    for (const auto& run : runs) {
        rows.push_back({run.run_id, run.job, to_the_second(run.started_at),
                        time_of_day(run.ended_at), run.status, std::to_string(run.records),
                        std::to_string(run.pages), std::to_string(run.retries),
                        std::to_string(run.refreshes), std::to_string(run.bytes),
                        run.bookmark_after, run.error});
    }
    std::vector<std::size_t> widths(rows.front().size(), 0);
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths[i], row[i].size());
        }
    }
    for (const auto& row : rows) {
        for (std::size_t i = 0; i + 1 < row.size(); ++i) {
            out << std::left << std::setw(static_cast<int>(widths[i] + 2)) << row[i];
        }
        out << row.back() << "\n";
    }
}

void print_json(const std::vector<RunRecord>& runs, std::ostream& out) {
    Poco::JSON::Array array;
    for (const auto& run : runs) {
        array.add(run_json(run));
    }
    Poco::JSON::Stringifier::stringify(array, out, 2);
    out << "\n";
}

}  // namespace

int history_command(const CliOptions& options, std::ostream& out, std::ostream& err) {
    LoadedConfig loaded = load_config(options.config_path);
    if (!loaded.problems.empty()) {
        for (const auto& problem : loaded.problems) {
            err << "  " << problem.to_string() << "\n";
        }
        return Poco::Util::Application::EXIT_CONFIG;
    }
    std::vector<RunRecord> runs;
    const std::string job = options.arguments.empty() ? "" : options.arguments.front();
    const std::string since =
        options.history_since
            ? Poco::DateTimeFormatter::format(
                  Poco::Timestamp::fromEpochTime(*options.history_since),
                  Poco::DateTimeFormat::ISO8601_FRAC_FORMAT)  // as started_at is kept
            : "";
    if (Poco::File(loaded.config.state_path).exists()) {
        try {
            StateDb state(loaded.config.state_path);
            runs = state.history(job, options.history_limit, since);
        } catch (const Error& error) {
            err << "apirunner: " << error.what() << "\n";
            return exit_code_for(error.kind());
        }
    } else if (!options.json) {
        out << "no runs yet (" << loaded.config.state_path << " does not exist)\n";
        return 0;
    }
    if (options.json) {
        print_json(runs, out);
    } else {
        print_table(runs, out);
    }
    return 0;
}

}  // namespace apirunner
