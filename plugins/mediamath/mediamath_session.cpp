#include "mediamath_session.hpp"

#include <apirunner/encoding.hpp>
#include <apirunner/error.hpp>

namespace apirunner::mediamath {
namespace {

oauth2::TokenEndpoint token_endpoint(const Settings& settings) {
    oauth2::TokenEndpoint endpoint =
        oauth2::endpoint_from(settings, url_join(settings.get("auth_url"), "/oauth/token"));
    endpoint.body_format = oauth2::BodyFormat::json;          // as the document's password grant
    endpoint.refresh_body_format = oauth2::BodyFormat::form;  // as its refresh example
    return endpoint;
}

}  // namespace

MediaMathSession::MediaMathSession(const Settings& settings, HostServices& host)
    : OAuth2Session(host, token_endpoint(settings), settings.get("grant"),
                    settings.get_int("token_lifetime"), settings.get_or("username", "")),
      m_settings(settings),
      m_api_url(settings.get("base_url")),
      m_legacy_session(settings.get_bool("legacy_session")) {}

oauth2::Params MediaMathSession::login_params() {
    return oauth2::login_params_for(m_settings, grant(), {"audience", "scope"});
}

std::string MediaMathSession::authorization_endpoint() const {
    return url_join(m_settings.get("auth_url"), "/authorize");
}

oauth2::Params MediaMathSession::authorization_params() {
    return {{"audience", m_settings.get_or("audience", "")},
            {"scope", m_settings.get_or("scope", "")}};
}

// Not every API is migrated to OAuth2 yet: the v2.0 session call turns the new token into the
// adama_session cookie those APIs still need. It is renewed with every token.
void MediaMathSession::on_new_tokens() {
    if (!m_legacy_session) {
        return;
    }
    HttpRequest request;
    request.url = url_join(m_api_url, "/api/v2.0/session");
    request.set_header("Accept", "application/json");
    OAuth2Session::stamp(request);
    HttpResponse response = host().http().send(request);
    if (response.status == 401 || response.status == 403) {
        throw Error(ErrorKind::credentials,
                    "the v2.0 session call refused the new access token (HTTP " +
                        std::to_string(response.status) + ")");
    }
    if (response.status != 200) {
        throw Error(response.status >= 500 ? ErrorKind::unavailable : ErrorKind::bad_data,
                    "the v2.0 session call failed: HTTP " + std::to_string(response.status));
    }
    auto cookie = host().http().cookie(request.url, "adama_session");
    if (!cookie || cookie->empty()) {
        throw Error(ErrorKind::bad_data, "the v2.0 session answer set no adama_session cookie");
    }
    m_adama_session = *cookie;
    host().logger().add_secret(m_adama_session);
}

void MediaMathSession::stamp(HttpRequest& request) {
    OAuth2Session::stamp(request);
    if (!m_adama_session.empty()) {
        request.set_header("Cookie", "adama_session=" + m_adama_session);
    }
}

}  // namespace apirunner::mediamath
