// The OpenX plugin's descriptor: its settings table and factory.
#include "openx_session.hpp"

#include <apirunner/plugin.hpp>

namespace {

using apirunner::SettingSpec;
using apirunner::SettingType;

const SettingSpec k_settings[] = {
    {"base_url", SettingType::url, nullptr, true, false,
     "the API host, e.g. https://yourcompany-ui.openx.net"},
    {"sso_url", SettingType::url, "https://sso.openx.com", false, false, "the OpenX SSO server"},
    {"grant", SettingType::string, "programmatic", false, false,
     "programmatic: OAuth 1.0a with email and password (the only flow for unattended runs)"},
    {"consumer_key", SettingType::string, nullptr, true, false,
     "the OAuth consumer key OpenX issued"},
    {"consumer_secret", SettingType::string, nullptr, true, true, "the OAuth consumer secret"},
    {"email", SettingType::string, nullptr, true, false, "the OpenX user's email address"},
    {"password", SettingType::string, nullptr, true, true, "the OpenX user's password"},
    {"realm", SettingType::string, nullptr, false, false,
     "the OAuth realm, if your instance wants one"},
    {"session_lifetime", SettingType::integer, "6600", false, false,
     "seconds after which to log in again; OpenX sessions end after two hours"},
    {"request_token_path", SettingType::string, "/api/index/initiate", false, false, "on sso_url"},
    {"login_path", SettingType::string, "/login/process", false, false, "on sso_url"},
    {"access_token_path", SettingType::string, "/api/index/token", false, false, "on sso_url"},
    {"logout_path", SettingType::string, "/session", false, false,
     "on base_url; DELETE ends the session"},
};

const apirunner::PluginDescriptor k_descriptor = apirunner::make_descriptor(
    "openx", "1.0.0", "programmatic",
    "OpenX Platform API: OAuth 1.0a programmatic login and the openx3_access_token cookie.",
    k_settings, &apirunner::create_session<apirunner::openx::OpenXSession>);

}  // namespace

APIRUNNER_PLUGIN(k_descriptor)
