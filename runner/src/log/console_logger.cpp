#include "log/console_logger.hpp"

#include "log/console.hpp"
#include "log/log_context.hpp"
#include "log/redactor.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <atomic>
#include <iostream>
#include <sstream>

namespace apirunner {
namespace {

std::atomic<bool> g_json{false};

const char* level_name(LogLevel level) {
    switch (level) {
        case LogLevel::debug:
            return "debug";
        case LogLevel::info:
            return "info";
        case LogLevel::warning:
            return "warn";
        case LogLevel::error:
            return "error";
    }
    return "info";
}

std::string json_line(const std::string& stamp, LogLevel level, const std::string& event,
                      const std::string& scope, const std::string& message) {
    const LogContext& context = log_context();
    Poco::JSON::Object line(Poco::JSON_PRESERVE_KEY_ORDER);
    line.set("ts", stamp);
    line.set("level", level_name(level));
    line.set("event", event);
    if (!context.job.empty()) {
        line.set("job", context.job);
    }
    if (!context.run_id.empty()) {
        line.set("run_id", context.run_id);
    }
    const std::string provider = scope != "apirunner" ? scope : context.provider;
    if (!provider.empty()) {
        line.set("provider", provider);
    }
    line.set("message", message);
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(line, out);
    return out.str() + "\n";
}

}  // namespace

std::optional<LogLevel> parse_log_level(const std::string& name) {
    if (name == "debug") return LogLevel::debug;
    if (name == "info") return LogLevel::info;
    if (name == "warn" || name == "warning") return LogLevel::warning;
    if (name == "error") return LogLevel::error;
    return std::nullopt;
}

void ConsoleLogger::use_json(bool json) { g_json = json; }

ConsoleLogger::ConsoleLogger(LogLevel threshold, std::string scope)
    : m_threshold(threshold), m_scope(std::move(scope)) {}

void ConsoleLogger::log(LogLevel level, const std::string& message) {
    event(level, "log", message);
}

void ConsoleLogger::event(LogLevel level, const std::string& event, const std::string& message) {
    if (level < m_threshold) {
        return;
    }
    const std::string stamp = Poco::DateTimeFormatter::format(
        Poco::DateTime(), Poco::DateTimeFormat::ISO8601_FRAC_FORMAT);
    const std::string redacted = redactor().redact(message);
    Console::instance().print(std::cerr, g_json ? json_line(stamp, level, event, m_scope, redacted)
                                                : stamp + " " + level_name(level) + " [" + m_scope +
                                                      "] " + redacted + "\n");
}

void ConsoleLogger::lifecycle(const std::string& event, const std::string& message) {
    this->event(g_json ? LogLevel::info : LogLevel::debug, event, message);
}

void ConsoleLogger::add_secret(const std::string& value) { redactor().add_secret(value); }

ConsoleLogger ConsoleLogger::scoped(const std::string& scope) const {
    return ConsoleLogger(m_threshold, scope);
}

}  // namespace apirunner
