// basic: HTTP Basic authentication (RFC 7617) with a user and password.
#include <apirunner/encoding.hpp>
#include <apirunner/plugin.hpp>
#include <apirunner/static_session.hpp>

namespace {

using namespace apirunner;

class BasicSession : public StaticSession {
  public:
    BasicSession(const Settings& settings, HostServices&)
        : m_value("Basic " + base64(settings.get("username") + ":" + settings.get("password"))) {}
    void stamp(HttpRequest& request) override { request.set_header("Authorization", m_value); }

  private:
    std::string m_value;
};

const SettingSpec k_settings[] = {
    {"base_url", SettingType::url, nullptr, true, false, "API root"},
    {"username", SettingType::string, nullptr, true, false, "the user"},
    {"password", SettingType::string, nullptr, true, true, "the password"},
};

const PluginDescriptor k_descriptor =
    make_descriptor("basic", "1.0.0", "static", "Any API with HTTP Basic authentication.",
                    k_settings, &create_session<BasicSession>);

}  // namespace

APIRUNNER_PLUGIN(k_descriptor)
