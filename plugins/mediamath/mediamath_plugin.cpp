// The MediaMath plugin's descriptor: its settings table and factory.
#include "mediamath_session.hpp"

#include <apirunner/plugin.hpp>

namespace {

using apirunner::SettingSpec;
using apirunner::SettingType;

const SettingSpec k_settings[] = {
    {"base_url", SettingType::url, nullptr, true, false,
     "API root, e.g. https://api.mediamath.com"},
    {"auth_url", SettingType::url, "https://auth.mediamath.com", false, false,
     "authorization server; tokens come from <auth_url>/oauth/token"},
    {"grant", SettingType::string, "password", false, false,
     "password, refresh_token, or authorization_code (after `apirunner login`)"},
    {"username", SettingType::string, nullptr, false, false,
     "MediaMath user, for the password grant"},
    {"password", SettingType::string, nullptr, false, true, "the user's password"},
    {"client_id", SettingType::string, nullptr, true, false, "the application's Client ID"},
    {"client_secret", SettingType::string, nullptr, true, true, "the application's Client Secret"},
    {"refresh_token", SettingType::string, nullptr, false, true,
     "a refresh token, for the refresh_token grant"},
    {"audience", SettingType::string, "https://api.mediamath.com/", false, false,
     "the API the token is for"},
    {"scope", SettingType::string, "offline_access", false, false,
     "space-separated scopes; offline_access gets a refresh token"},
    {"legacy_session", SettingType::boolean, "true", false, false,
     "fetch the adama_session cookie from /api/v2.0/session and send it with every call"},
    {"token_lifetime", SettingType::integer, "3600", false, false,
     "seconds a token lives when the answer has no expires_in"},
};

const apirunner::PluginDescriptor k_descriptor = apirunner::make_descriptor(
    "mediamath", "1.0.0", "password refresh_token authorization_code",
    "MediaMath Execution & Management API: OAuth2 with the legacy adama_session cookie.",
    k_settings, &apirunner::create_session<apirunner::mediamath::MediaMathSession>);

}  // namespace

APIRUNNER_PLUGIN(k_descriptor)
