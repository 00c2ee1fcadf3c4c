#include "plugins/plugin_session.hpp"

#include "log/redactor.hpp"

#include <apirunner/error.hpp>

namespace apirunner {
namespace {

std::string with_provider(const std::string& provider, const std::string& message) {
    const std::string prefix = "provider '" + provider + "'";
    return redactor().redact(message.rfind(prefix, 0) == 0 ? message : prefix + ": " + message);
}

}  // namespace

// Catches while the library is surely loaded, and rethrows an error made by the host.
template <typename Call>
auto PluginSession::guarded(const char* step, Call&& call) {
    try {
        return call();
    } catch (const Error& error) {
        throw Error(error.kind(), with_provider(provider(), error.what()));
    } catch (const std::exception& error) {
        throw Error(ErrorKind::bad_data,
                    with_provider(provider(),
                                  std::string("plugin failed in ") + step + ": " + error.what()));
    } catch (...) {
        throw Error(ErrorKind::bad_data,
                    with_provider(provider(), std::string("plugin failed in ") + step));
    }
}

PluginSession::PluginSession(const LoadedPlugin& plugin, const Settings& settings,
                             std::unique_ptr<HostServices> host)
    : m_host(std::move(host)) {
    auto library = plugin.library;
    Session* made =
        guarded("its factory", [&] { return plugin.descriptor->create(settings, *m_host); });
    if (!made) {
        throw Error(ErrorKind::bad_data, with_provider(provider(), "the plugin made no session"));
    }
    m_session = std::shared_ptr<Session>(made, [library](Session* session) { delete session; });
}

PluginSession::~PluginSession() {
    // The session goes before the host services it refers to.
    m_session.reset();
}

void PluginSession::open() {
    std::lock_guard<std::mutex> lock(m_calls);
    guarded("open", [&] { m_session->open(); });
}

bool PluginSession::keep_alive_if_due() {
    std::lock_guard<std::mutex> lock(m_calls);
    const auto due = guarded("keep_alive_in_ms", [&] { return m_session->keep_alive_in_ms(); });
    if (!due || *due > 0) {
        return false;
    }
    guarded("keep_alive", [&] { m_session->keep_alive(); });
    ++m_renewals;
    return true;
}

std::uint64_t PluginSession::stamp(HttpRequest& request) {
    std::lock_guard<std::mutex> lock(m_calls);
    guarded("stamp", [&] { m_session->stamp(request); });
    return m_renewals;
}

bool PluginSession::recover(const HttpResponse& refused, std::uint64_t stamped_at) {
    std::lock_guard<std::mutex> lock(m_calls);
    if (m_renewals != stamped_at) {
        return false;
    }
    guarded("recover", [&] { m_session->recover(refused); });
    ++m_renewals;
    return true;
}

void PluginSession::close() noexcept {
    std::lock_guard<std::mutex> lock(m_calls);
    m_session->close();
}

std::string PluginSession::authorize_url(const std::string& redirect_uri, const std::string& state,
                                         const std::string& code_challenge) {
    std::lock_guard<std::mutex> lock(m_calls);
    return guarded("authorize_url",
                   [&] { return m_session->authorize_url(redirect_uri, state, code_challenge); });
}

void PluginSession::exchange_code(const std::string& code, const std::string& redirect_uri,
                                  const std::string& code_verifier) {
    std::lock_guard<std::mutex> lock(m_calls);
    guarded("exchange_code", [&] { m_session->exchange_code(code, redirect_uri, code_verifier); });
}

std::vector<std::pair<std::string, std::string>> PluginSession::inspect() {
    std::lock_guard<std::mutex> lock(m_calls);
    return guarded("inspect", [&] { return m_session->inspect(); });
}

}  // namespace apirunner
