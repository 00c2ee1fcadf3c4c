// The MediaHaven plugin's descriptor: its settings table and factory.
#include "mediahaven_session.hpp"

#include <apirunner/plugin.hpp>

namespace {

using apirunner::SettingSpec;
using apirunner::SettingType;

const SettingSpec k_settings[] = {
    {"base_url", SettingType::url, nullptr, true, false,
     "the MediaHaven host, e.g. https://integration.mediahaven.com"},
    {"auth_url", SettingType::url, nullptr, false, false,
     "the authentication portal, when not on base_url (<auth_url>/auth/...)"},
    {"grant", SettingType::string, "password", false, false,
     "password, refresh_token, or authorization_code (after `apirunner login`)"},
    {"username", SettingType::string, nullptr, false, false,
     "MediaHaven user, for the password grant"},
    {"password", SettingType::string, nullptr, false, true, "the user's password"},
    {"client_id", SettingType::string, nullptr, true, false, "the client_id Zeticon issued"},
    {"client_secret", SettingType::string, nullptr, true, true, "the client_secret Zeticon issued"},
    {"refresh_token", SettingType::string, nullptr, false, true,
     "a refresh token, for the refresh_token grant (it rotates: only the first run can use it)"},
    {"token_lifetime", SettingType::integer, "3600", false, false,
     "seconds a token lives when the answer has no expires_in"},
};

const apirunner::PluginDescriptor k_descriptor = apirunner::make_descriptor(
    "mediahaven", "1.0.0", "password refresh_token authorization_code",
    "MediaHaven REST API: OAuth2 with rotating refresh tokens.", k_settings,
    &apirunner::create_session<apirunner::mediahaven::MediaHavenSession>);

}  // namespace

APIRUNNER_PLUGIN(k_descriptor)
