// What the host lends a plugin: HTTP, a logger and a clock. References stay valid for the life
// of every session the plugin makes from them.
#pragma once

#include <apirunner/http.hpp>
#include <boost/config.hpp>
#include <cstdint>
#include <string>

namespace apirunner {

enum class LogLevel { debug, info, warning, error };

// The host redacts known secrets at its sink; plugins still never pass one in.
class BOOST_SYMBOL_VISIBLE Logger {
public:
    virtual ~Logger();
    virtual void log(LogLevel level, const std::string& message) = 0;
    // Tells the sink a value to redact wherever it appears (a token the plugin just received).
    virtual void add_secret(const std::string& value) = 0;
};

class BOOST_SYMBOL_VISIBLE Clock {
public:
    virtual ~Clock();
    virtual std::int64_t monotonic_ms() = 0;  // for lifetimes: never jumps
    virtual std::int64_t unix_seconds() = 0;  // for timestamps shown to people
};

class BOOST_SYMBOL_VISIBLE HostServices {
public:
    virtual ~HostServices();
    virtual HttpClient& http() = 0;
    virtual Logger& logger() = 0;
    virtual Clock& clock() = 0;
    // The profile's name in the jobs file, for messages ("provider 'mediamath': ...").
    virtual const std::string& profile() const = 0;
};

}  // namespace apirunner
