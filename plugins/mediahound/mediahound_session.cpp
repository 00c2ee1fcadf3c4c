#include "mediahound_session.hpp"

#include <apirunner/encoding.hpp>

#include <sstream>

namespace apirunner::mediahound {
namespace {

oauth2::TokenEndpoint token_endpoint(const Settings& settings) {
    oauth2::TokenEndpoint endpoint = oauth2::endpoint_from(
        settings, url_join(settings.get("auth_url"), "/1.3/security/oauth/token"));
    endpoint.client_auth = oauth2::ClientAuth::basic;  // on every token request
    return endpoint;
}

}  // namespace

std::string normalise_scope(const std::string& scope) {
    std::string spaced = scope;
    for (char& c : spaced) {
        c = c == '+' ? ' ' : c;
    }
    std::istringstream words(spaced);
    std::string joined;
    for (std::string word; words >> word;) {
        joined += (joined.empty() ? "" : " ") + word;
    }
    return joined;
}

MediaHoundSession::MediaHoundSession(const Settings& settings, HostServices& host)
    : OAuth2Session(host, token_endpoint(settings), settings.get("grant"),
                    settings.get_int("token_lifetime"), settings.get_or("username", "")),
      m_settings(settings) {}

oauth2::Params MediaHoundSession::login_params() {
    oauth2::Params params = oauth2::login_params_for(m_settings, grant(), {});
    if (m_settings.get_bool("client_in_body")) {
        params.emplace_back("client_id", m_settings.get("client_id"));
        params.emplace_back("client_secret", m_settings.get("client_secret"));
    }
    const std::string scope = normalise_scope(m_settings.get_or("scope", ""));
    if (!scope.empty()) {
        params.emplace_back("scope", scope);
    }
    return params;
}

}  // namespace apirunner::mediahound
