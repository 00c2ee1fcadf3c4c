// oauth2: any OAuth 2.0 API, without writing a plugin. client_credentials, password and
// refresh_token grants; client authentication basic or post; body form or json; extra token
// parameters (audience, resource, scope). Everything else is the SDK's OAuth2Session.
#include <apirunner/oauth2.hpp>
#include <apirunner/plugin.hpp>

namespace {

using namespace apirunner;

class GenericOAuth2Session : public oauth2::OAuth2Session {
  public:
    GenericOAuth2Session(const Settings& settings, HostServices& host)
        : OAuth2Session(host, oauth2::endpoint_from(settings, settings.get("token_url")),
                        settings.get("grant"), settings.get_int("token_lifetime"),
                        settings.get_or("username", "")),
          m_settings(settings) {}

  protected:
    oauth2::Params login_params() override {
        return oauth2::login_params_for(m_settings, grant(), {"scope", "audience", "resource"});
    }
    std::string authorization_endpoint() const override {
        return m_settings.get_or("authorize_url", "");
    }
    oauth2::Params authorization_params() override {
        return {{"scope", m_settings.get_or("scope", "")},
                {"audience", m_settings.get_or("audience", "")}};
    }

  private:
    Settings m_settings;
};

const SettingSpec k_settings[] = {
    {"base_url", SettingType::url, nullptr, true, false, "API root"},
    {"token_url", SettingType::url, nullptr, true, false, "the token endpoint"},
    {"authorize_url", SettingType::url, nullptr, false, false,
     "the authorization endpoint, for `apirunner login` (authorization_code grant)"},
    {"grant", SettingType::string, "client_credentials", false, false,
     "client_credentials, password, refresh_token or authorization_code (after `apirunner login`)"},
    {"client_id", SettingType::string, nullptr, true, false, "the client's id"},
    {"client_secret", SettingType::string, nullptr, false, true,
     "the client's secret (none for public clients)"},
    {"username", SettingType::string, nullptr, false, false, "for the password grant"},
    {"password", SettingType::string, nullptr, false, true, "for the password grant"},
    {"refresh_token", SettingType::string, nullptr, false, true, "for the refresh_token grant"},
    {"scope", SettingType::string, nullptr, false, false, "space-separated scopes"},
    {"audience", SettingType::string, nullptr, false, false,
     "the audience parameter (Auth0 and others)"},
    {"resource", SettingType::string, nullptr, false, false,
     "the resource parameter (RFC 8707, Azure AD v1)"},
    {"client_auth", SettingType::string, "basic", false, false,
     "basic (RFC 6749 2.3.1) or post (in the body)"},
    {"basic_form_encoded", SettingType::boolean, "false", false, false,
     "form-encode id and secret before base64, as RFC 6749 2.3.1 says; many servers expect them "
     "raw"},
    {"body_format", SettingType::string, "form", false, false,
     "form or json, for the token request's body"},
    {"token_lifetime", SettingType::integer, "3600", false, false,
     "seconds a token lives when the answer has no expires_in"},
};

const PluginDescriptor k_descriptor = make_descriptor(
    "oauth2", "1.0.0", "client_credentials password refresh_token authorization_code",
    "Any OAuth 2.0 API: a Bearer token from a token endpoint.", k_settings,
    &create_session<GenericOAuth2Session>);

}  // namespace

APIRUNNER_PLUGIN(k_descriptor)
