#include "mediahaven_session.hpp"

#include <apirunner/encoding.hpp>

namespace apirunner::mediahaven {
namespace {

oauth2::TokenEndpoint token_endpoint(const Settings& settings) {
    // The auth portal lives on the MediaHaven host itself unless told otherwise.
    const std::string auth_url = settings.get_or("auth_url", settings.get("base_url"));
    oauth2::TokenEndpoint endpoint =
        oauth2::endpoint_from(settings, url_join(auth_url, "/auth/oauth2/token"));
    if (settings.get("grant") == "password") {
        endpoint.login_url = url_join(auth_url, "/auth/ropc.php");
    }
    return endpoint;
}

}  // namespace

MediaHavenSession::MediaHavenSession(const Settings& settings, HostServices& host)
    : OAuth2Session(host, token_endpoint(settings), settings.get("grant"),
                    settings.get_int("token_lifetime")),
      m_settings(settings) {}

oauth2::Params MediaHavenSession::login_params() {
    return oauth2::login_params_for(m_settings, grant(), {});
}

}  // namespace apirunner::mediahaven
