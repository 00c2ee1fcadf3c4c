// The MediaHound plugin's descriptor: its settings table and factory.
#include "mediahound_session.hpp"

#include <apirunner/plugin.hpp>

namespace {

using apirunner::SettingSpec;
using apirunner::SettingType;

const SettingSpec k_settings[] = {
    {"base_url", SettingType::url, nullptr, true, false,
     "API root, e.g. https://api.mediahound.com"},
    {"auth_url", SettingType::url, "https://api.mediahound.com", false, false,
     "security services; tokens come from <auth_url>/1.3/security/oauth/token"},
    {"grant", SettingType::string, "password", false, false, "password or refresh_token"},
    {"username", SettingType::string, nullptr, false, false,
     "MediaHound user, for the password grant"},
    {"password", SettingType::string, nullptr, false, true, "the user's password"},
    {"client_id", SettingType::string, nullptr, true, false, "the Application's client_id"},
    {"client_secret", SettingType::string, nullptr, true, true, "the Application's client_secret"},
    {"refresh_token", SettingType::string, nullptr, false, true,
     "a refresh token, for the refresh_token grant"},
    {"scope", SettingType::string, "public_profile user_likes", false, false,
     "scopes, separated by spaces or '+' (both go on the wire as the document's '+')"},
    {"client_in_body", SettingType::boolean, "true", false, false,
     "also send client_id and client_secret in the password grant's body, beside the Basic header"},
    {"basic_form_encoded", SettingType::boolean, "false", false, false,
     "form-encode id and secret before base64 (RFC 6749 2.3.1); MediaHound's document does not"},
    {"token_lifetime", SettingType::integer, "3600", false, false,
     "seconds a token lives when the answer has no expires_in"},
};

const apirunner::PluginDescriptor k_descriptor = apirunner::make_descriptor(
    "mediahound", "1.0.0", "password refresh_token",
    "MediaHound API: OAuth2 password grant with HTTP Basic client authentication.", k_settings,
    &apirunner::create_session<apirunner::mediahound::MediaHoundSession>);

}  // namespace

APIRUNNER_PLUGIN(k_descriptor)
