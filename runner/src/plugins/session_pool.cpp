#include "plugins/session_pool.hpp"

#include "plugins/provider_host.hpp"

#include "state/token_stores.hpp"

#include <apirunner/error.hpp>

namespace apirunner {

SessionPool::SessionPool(const PluginRegistry& registry, std::map<std::string, Settings> settings,
                         const JobsConfig& config, const ConsoleLogger& logger, bool keep_sessions)
    : m_registry(registry),
      m_settings(std::move(settings)),
      m_config(config),
      m_logger(logger),
      m_keep_sessions(keep_sessions) {}

SessionPool::~SessionPool() { close_all(); }

std::unique_ptr<PluginSession> SessionPool::make(const std::string& provider) {
    const ProviderSpec& spec = m_config.providers.at(provider);
    const LoadedPlugin* plugin = m_registry.find(spec.plugin);
    if (!plugin || !m_settings.count(provider)) {
        throw Error(ErrorKind::config, "provider '" + provider + "' has no usable plugin");
    }
    std::unique_ptr<TokenStore> store;
    if (m_keep_sessions) {
        store =
            std::make_unique<SqliteTokenStore>(m_config.state_path, provider, m_config.state_key);
    } else {
        store = std::make_unique<MemoryTokenStore>();
    }
    auto host = std::make_unique<ProviderHost>(provider, m_logger, HttpOptions{}, std::move(store));
    return std::make_unique<PluginSession>(*plugin, m_settings.at(provider), std::move(host));
}

PluginSession& SessionPool::session(const std::string& provider) {
    auto open = m_sessions.find(provider);
    if (open != m_sessions.end()) {
        return *open->second;
    }
    auto session = make(provider);
    session->open();
    return *(m_sessions[provider] = std::move(session));
}

PluginSession& SessionPool::unopened(const std::string& provider) {
    return *(m_sessions[provider] = make(provider));
}

void SessionPool::close_all() noexcept {
    for (auto& [name, session] : m_sessions) {
        session->close();
    }
    m_sessions.clear();
}

}  // namespace apirunner
