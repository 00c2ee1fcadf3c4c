// The MediaValet plugin's descriptor: its settings table and factory.
#include "mediavalet_session.hpp"

#include <apirunner/plugin.hpp>

namespace {

using apirunner::SettingSpec;
using apirunner::SettingType;

const SettingSpec k_settings[] = {
    {"base_url", SettingType::url, nullptr, true, false,
     "API root, e.g. https://api.mediavalet.com"},
    {"auth_url", SettingType::url, "https://login.mediavalet.com", false, false,
     "the OIDC server; tokens come from <auth_url>/connect/token"},
    {"grant", SettingType::string, "password", false, false,
     "password, refresh_token, or authorization_code (after `apirunner login`)"},
    {"username", SettingType::string, nullptr, false, false,
     "MediaValet user, for the password grant"},
    {"password", SettingType::string, nullptr, false, true, "the user's password"},
    {"client_id", SettingType::string, nullptr, true, false, "the ClientId MediaValet issued"},
    {"client_secret", SettingType::string, nullptr, true, true,
     "the ClientSecret MediaValet issued"},
    {"refresh_token", SettingType::string, nullptr, false, true,
     "a refresh token, for the refresh_token grant"},
    {"scope", SettingType::string, "openid offline_access api", false, false,
     "space-separated; offline_access gets a refresh token"},
    {"subscription_key", SettingType::string, nullptr, false, true,
     "the API plan's subscription key, sent as Ocp-Apim-Subscription-Key"},
    {"client_auth", SettingType::string, "post", false, false,
     "post (client id and secret in the body) or basic"},
    {"token_lifetime", SettingType::integer, "3600", false, false,
     "seconds a token lives when the answer has no expires_in"},
};

const apirunner::PluginDescriptor k_descriptor = apirunner::make_descriptor(
    "mediavalet", "1.0.0", "password refresh_token authorization_code",
    "MediaValet API: OIDC resource-owner password grant with refresh tokens.", k_settings,
    &apirunner::create_session<apirunner::mediavalet::MediaValetSession>);

}  // namespace

APIRUNNER_PLUGIN(k_descriptor)
