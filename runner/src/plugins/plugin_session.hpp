// A session made by a plugin, held together with the library that made it and the host services
// it uses. Every call into plugin code happens here, and every failure comes out as a host-made
// Error whose message names the provider and holds no secret.
#pragma once

#include "plugins/plugin_library.hpp"
#include "plugins/provider_host.hpp"

#include <memory>

namespace apirunner {

class PluginSession {
public:
    // Runs the plugin's factory. Throws Error.
    PluginSession(const LoadedPlugin& plugin, const Settings& settings,
                  std::unique_ptr<ProviderHost> host);
    ~PluginSession();
    PluginSession(const PluginSession&) = delete;
    PluginSession& operator=(const PluginSession&) = delete;

    void open();
    std::optional<std::int64_t> keep_alive_in_ms();
    void keep_alive();
    void stamp(HttpRequest& request);
    void recover(const HttpResponse& refused);
    void close() noexcept;
    std::vector<std::pair<std::string, std::string>> inspect();
    std::string authorize_url(const std::string& redirect_uri, const std::string& state,
                              const std::string& code_challenge);
    void exchange_code(const std::string& code, const std::string& redirect_uri,
                       const std::string& code_verifier);

    HostServices& host() { return *m_host; }
    const std::string& provider() const { return m_host->profile(); }

private:
    template <typename Call>
    auto guarded(const char* step, Call&& call);

    // Declared first so it is destroyed last: the plugin's session refers to it.
    std::unique_ptr<ProviderHost> m_host;
    // Its deleter holds the library, so the code of the destructor is there when it runs.
    std::shared_ptr<Session> m_session;
};

}  // namespace apirunner
