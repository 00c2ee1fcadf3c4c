// What the host lends a plugin: HTTP, a logger and a clock. References stay valid for the life
// of every session the plugin makes from them.
#pragma once

#include <apirunner/http.hpp>
#include <boost/config.hpp>
#include <cstdint>
#include <optional>
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

// Where a provider profile's session outlives the process: the state database (mode 0600).
// The plugin decides what the text holds (tokens, their expiry); the host only keeps it.
class BOOST_SYMBOL_VISIBLE TokenStore {
  public:
    virtual ~TokenStore();
    // The profile's saved session, read afresh from the store (never a cached copy).
    virtual std::optional<std::string> load() = 0;
    // Replaces it; durable when this returns.
    virtual void save(const std::string& session) = 0;
    virtual void clear() = 0;
    // The profile's lock, shared with every other apirunner process: hold it across
    // read-refresh-write so that two processes never spend the same rotating refresh token.
    virtual void lock() = 0;
    virtual void unlock() noexcept = 0;
};

// Holds a TokenStore's lock for a scope.
class StoreLock {
  public:
    explicit StoreLock(TokenStore& store) : m_store(store) { m_store.lock(); }
    ~StoreLock() { m_store.unlock(); }
    StoreLock(const StoreLock&) = delete;
    StoreLock& operator=(const StoreLock&) = delete;

  private:
    TokenStore& m_store;
};

class BOOST_SYMBOL_VISIBLE HostServices {
  public:
    virtual ~HostServices();
    virtual HttpClient& http() = 0;
    virtual Logger& logger() = 0;
    virtual Clock& clock() = 0;
    virtual TokenStore& token_store() = 0;
    // The profile's name in the jobs file, for messages ("provider 'mediamath': ...").
    virtual const std::string& profile() const = 0;
};

}  // namespace apirunner
