#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "config/config_loader.hpp"
#include "state/state_db.hpp"

#include <Poco/File.h>

#include <iomanip>

namespace apirunner {

int history_command(const CliOptions& options, std::ostream& out, std::ostream& err) {
    LoadedConfig loaded = load_config(options.config_path);
    if (!loaded.problems.empty()) {
        for (const auto& problem : loaded.problems) {
            err << "  " << problem.to_string() << "\n";
        }
        return Poco::Util::Application::EXIT_CONFIG;
    }
    if (!Poco::File(loaded.config.state_path).exists()) {
        out << "no runs yet (" << loaded.config.state_path << " does not exist)\n";
        return 0;
    }
    const std::string job = options.arguments.empty() ? "" : options.arguments.front();
    try {
        StateDb state(loaded.config.state_path);
        out << std::left << std::setw(28) << "RUN" << std::setw(30) << "JOB" << std::setw(30)
            << "STARTED" << std::setw(9) << "STATUS" << std::setw(10) << "RECORDS" << std::setw(7)
            << "PAGES" << "ERROR\n";
        for (const auto& run : state.history(job, options.history_limit)) {
            out << std::setw(28) << run.run_id << std::setw(30) << run.job << std::setw(30)
                << run.started_at << std::setw(9) << run.status << std::setw(10) << run.records
                << std::setw(7) << run.pages << run.error << "\n";
        }
    } catch (const Error& error) {
        err << "apirunner: " << error.what() << "\n";
        return exit_code_for(error.kind());
    }
    return 0;
}

}  // namespace apirunner
