#include "mediahaven_session.hpp"

#include <apirunner/encoding.hpp>
#include <apirunner/error.hpp>
#include <apirunner/json.hpp>

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
                    settings.get_int("token_lifetime"), settings.get_or("username", "")),
      m_settings(settings),
      m_auth_url(settings.get_or("auth_url", settings.get("base_url"))) {}

oauth2::Params MediaHavenSession::login_params() {
    return oauth2::login_params_for(m_settings, grant(), {});
}

// "Kick-off the authorization flow by redirecting the user/browser to <host>/auth?client_id=..."
std::string MediaHavenSession::authorization_endpoint() const {
    return url_join(m_auth_url, "/auth");
}

std::vector<std::pair<std::string, std::string>> MediaHavenSession::inspect() {
    auto facts = OAuth2Session::inspect();
    HttpRequest request;
    request.method = "POST";
    request.url = url_join(m_auth_url, "/auth/introspect.php");
    request.set_header("Authorization",
                       oauth2::basic_authorization(m_settings.get("client_id"),
                                                   m_settings.get("client_secret"), false));
    request.set_header("Content-Type", "application/x-www-form-urlencoded");
    request.set_header("Accept", "application/json");
    request.body = form_encode({{"token", tokens().access_token}});
    const HttpResponse response = host().http().send(request);
    if (response.status != 200) {
        throw Error(response.status == 401 ? ErrorKind::credentials : ErrorKind::bad_data,
                    "token introspection failed: HTTP " + std::to_string(response.status));
    }
    for (const auto& [name, value] : json_scalars(response.body)) {
        facts.emplace_back("introspection." + name, value);
    }
    return facts;
}

}  // namespace apirunner::mediahaven
