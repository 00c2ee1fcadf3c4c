// The provider sessions of one `run` (each of its jobs, one after another), or of one daemon run:
// one session per provider profile, opened when a job first needs it and shared by every job of
// the pool on that profile; all are closed (logged out) together at the end. Several pools (the
// daemon's runs side by side) share a profile's stored session through the token store and its
// lock. Not thread-safe: used by the thread that runs the pool's jobs; the sessions it hands
// out are safe from several threads (PluginSession).
#pragma once

#include "config/jobs_config.hpp"
#include "log/console_logger.hpp"
#include "plugins/plugin_registry.hpp"
#include "plugins/plugin_session.hpp"

#include <apirunner/settings.hpp>

#include <map>
#include <memory>

namespace apirunner {

class SessionPool {
  public:
    // `keep_sessions`: sessions live in the state database's token store and are reused by the
    // next run; otherwise (dry runs) they live in memory and die with the process.
    SessionPool(const PluginRegistry& registry, std::map<std::string, Settings> settings,
                const JobsConfig& config, const ConsoleLogger& logger, bool keep_sessions);
    ~SessionPool();

    // The open session of a provider profile. Throws Error naming the provider.
    PluginSession& session(const std::string& provider);
    // A session not logged in yet, for `apirunner login` to bootstrap. Throws Error.
    PluginSession& unopened(const std::string& provider);
    void close_all() noexcept;

  private:
    std::unique_ptr<PluginSession> make(const std::string& provider);

    const PluginRegistry& m_registry;
    std::map<std::string, Settings> m_settings;
    const JobsConfig& m_config;
    const ConsoleLogger& m_logger;
    bool m_keep_sessions;
    std::map<std::string, std::unique_ptr<PluginSession>> m_sessions;
};

}  // namespace apirunner
