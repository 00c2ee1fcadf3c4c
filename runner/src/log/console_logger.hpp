// The host's log sink: one line a message on stderr, redacted, below a chosen level dropped.
#pragma once

#include <apirunner/host.hpp>

#include <mutex>
#include <optional>
#include <string>

namespace apirunner {

std::optional<LogLevel> parse_log_level(const std::string& name);

class ConsoleLogger : public Logger {
public:
    // scope names the source in every line: a provider profile or a job.
    ConsoleLogger(LogLevel threshold, std::string scope);
    void log(LogLevel level, const std::string& message) override;
    void add_secret(const std::string& value) override;
    // The same sink, another scope.
    ConsoleLogger scoped(const std::string& scope) const;

private:
    LogLevel m_threshold;
    std::string m_scope;
};

}  // namespace apirunner
