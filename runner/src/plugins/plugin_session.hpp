// A session made by a plugin, held together with the library that made it and the host services
// it uses. Every call into plugin code happens here, and every failure comes out as a host-made
// Error whose message names the provider and holds no secret.
#pragma once

#include "plugins/plugin_library.hpp"

#include <apirunner/host.hpp>

#include <cstdint>
#include <memory>
#include <mutex>

namespace apirunner {

class PluginSession {
  public:
    // Runs the plugin's factory. Throws Error.
    PluginSession(const LoadedPlugin& plugin, const Settings& settings,
                  std::unique_ptr<HostServices> host);
    ~PluginSession();
    PluginSession(const PluginSession&) = delete;
    PluginSession& operator=(const PluginSession&) = delete;

    // Every call is safe from several threads at once (`concurrency`): one call into the plugin
    // at a time (a plugin's session is never entered twice), and a renewal made once for all.
    void open();
    // The calls a page fetch makes.
    // Renews the session when its keep-alive is due; true when it did.
    bool keep_alive_if_due();
    // Stamps the request; returns how many renewals the credentials have seen.
    std::uint64_t stamp(HttpRequest& request);
    // Answers a 401 to a request stamped at `stamped_at` renewals: renews the session, unless
    // another thread renewed it since (the request is then stamped again as it is). True when
    // it renewed.
    bool recover(const HttpResponse& refused, std::uint64_t stamped_at);
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

    std::mutex m_calls;  // one call into the plugin at a time
    std::uint64_t m_renewals = 0;
    // Declared first so it is destroyed last: the plugin's session refers to it.
    std::unique_ptr<HostServices> m_host;
    // Its deleter holds the library, so the code of the destructor is there when it runs.
    std::shared_ptr<Session> m_session;
};

}  // namespace apirunner
