#include "mediavalet_session.hpp"

#include <apirunner/encoding.hpp>

namespace apirunner::mediavalet {

MediaValetSession::MediaValetSession(const Settings& settings, HostServices& host)
    : OAuth2Session(
          host,
          oauth2::endpoint_from(settings, url_join(settings.get("auth_url"), "/connect/token")),
          settings.get("grant"), settings.get_int("token_lifetime"),
          settings.get_or("username", "")),
      m_settings(settings),
      m_subscription_key(settings.get_or("subscription_key", "")) {}

oauth2::Params MediaValetSession::login_params() {
    return oauth2::login_params_for(m_settings, grant(), {"scope"});
}

std::string MediaValetSession::authorization_endpoint() const {
    return url_join(m_settings.get("auth_url"), "/connect/authorize");
}

oauth2::Params MediaValetSession::authorization_params() {
    return {{"scope", m_settings.get_or("scope", "")}};
}

void MediaValetSession::stamp(HttpRequest& request) {
    OAuth2Session::stamp(request);
    if (!m_subscription_key.empty()) {
        request.set_header("Ocp-Apim-Subscription-Key", m_subscription_key);
    }
}

}  // namespace apirunner::mediavalet
