#include "log/console_logger.hpp"

#include "log/redactor.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>

#include <iostream>

namespace apirunner {
namespace {

const char* level_name(LogLevel level) {
    switch (level) {
        case LogLevel::debug: return "debug";
        case LogLevel::info: return "info";
        case LogLevel::warning: return "warn";
        case LogLevel::error: return "error";
    }
    return "info";
}

std::mutex& sink_mutex() {
    static std::mutex mutex;
    return mutex;
}

}  // namespace

std::optional<LogLevel> parse_log_level(const std::string& name) {
    if (name == "debug") return LogLevel::debug;
    if (name == "info") return LogLevel::info;
    if (name == "warn" || name == "warning") return LogLevel::warning;
    if (name == "error") return LogLevel::error;
    return std::nullopt;
}

ConsoleLogger::ConsoleLogger(LogLevel threshold, std::string scope)
    : m_threshold(threshold), m_scope(std::move(scope)) {}

void ConsoleLogger::log(LogLevel level, const std::string& message) {
    if (level < m_threshold) {
        return;
    }
    const std::string stamp =
        Poco::DateTimeFormatter::format(Poco::DateTime(), Poco::DateTimeFormat::ISO8601_FORMAT);
    const std::string line = stamp + " " + level_name(level) + " [" + m_scope + "] " +
                             redactor().redact(message) + "\n";
    std::lock_guard<std::mutex> lock(sink_mutex());
    std::cerr << line << std::flush;
}

void ConsoleLogger::add_secret(const std::string& value) { redactor().add_secret(value); }

ConsoleLogger ConsoleLogger::scoped(const std::string& scope) const {
    return ConsoleLogger(m_threshold, scope);
}

}  // namespace apirunner
