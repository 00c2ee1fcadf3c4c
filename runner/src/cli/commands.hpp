// One function a verb. Each prints results to `out`, problems to `err`, and returns the exit code.
#pragma once

#include "cli/cli_options.hpp"

#include <ostream>

namespace apirunner {

int validate_command(const CliOptions& options, std::ostream& out, std::ostream& err);
int daemon_command(const CliOptions& options, std::ostream& out, std::ostream& err);
int run_command(const CliOptions& options, std::ostream& out, std::ostream& err);
int list_command(const CliOptions& options, std::ostream& out, std::ostream& err);
int plugins_command(const CliOptions& options, bool schema, std::ostream& out, std::ostream& err);
int auth_command(const CliOptions& options, std::ostream& out, std::ostream& err);
int login_command(const CliOptions& options, std::ostream& out, std::ostream& err);
int export_command(const CliOptions& options, std::ostream& out, std::ostream& err);
int history_command(const CliOptions& options, std::ostream& out, std::ostream& err);
int state_command(const CliOptions& options, std::ostream& out, std::ostream& err);

}  // namespace apirunner
