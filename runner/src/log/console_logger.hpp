// The host's log sink: one line a message on stderr, redacted, below a chosen level dropped.
// As text ("2026-11-23T02:00:00Z info [orgs] ...") or, with --log-format json, as one JSON
// object a line: ts, level, event, job, run_id, provider (those known) and message.
// Thread-safe: each line is written whole (log/console holds the terminal's lock), whichever
// thread of whichever job writes it.
#pragma once

#include <apirunner/host.hpp>

#include <optional>
#include <string>

namespace apirunner {

std::optional<LogLevel> parse_log_level(const std::string& name);

class ConsoleLogger : public Logger {
  public:
    // Process-wide: every ConsoleLogger writes JSON lines after use_json(true).
    static void use_json(bool json);

    // scope names the source in every line: a provider profile, or "apirunner" for the host.
    ConsoleLogger(LogLevel threshold, std::string scope);
    // A message of no particular kind: event "log".
    void log(LogLevel level, const std::string& message) override;
    // A named event ("job_start", "page", "job_end"...).
    void event(LogLevel level, const std::string& event, const std::string& message);
    // A step of a job's life that the summaries on stdout already tell a terminal's reader:
    // info in JSON logs, which are the record of the run, and debug in text ones.
    void lifecycle(const std::string& event, const std::string& message);
    void add_secret(const std::string& value) override;
    // The same sink, another scope.
    ConsoleLogger scoped(const std::string& scope) const;

  private:
    LogLevel m_threshold;
    std::string m_scope;
};

}  // namespace apirunner
