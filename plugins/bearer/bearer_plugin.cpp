// bearer: a static token in a header (Authorization: Bearer <token> unless told otherwise).
#include <apirunner/plugin.hpp>
#include <apirunner/static_session.hpp>

namespace {

using namespace apirunner;

class BearerSession : public StaticSession {
  public:
    BearerSession(const Settings& settings, HostServices&)
        : m_header(settings.get("header")),
          m_value(settings.get("prefix").empty()
                      ? settings.get("token")
                      : settings.get("prefix") + " " + settings.get("token")) {}
    void stamp(HttpRequest& request) override { request.set_header(m_header, m_value); }

  private:
    std::string m_header;
    std::string m_value;
};

const SettingSpec k_settings[] = {
    {"base_url", SettingType::url, nullptr, true, false, "API root"},
    {"token", SettingType::string, nullptr, true, true, "the token"},
    {"header", SettingType::string, "Authorization", false, false, "the header that carries it"},
    {"prefix", SettingType::string, "Bearer", false, false,
     "written before the token; \"\" for none"},
};

const PluginDescriptor k_descriptor =
    make_descriptor("bearer", "1.0.0", "static", "Any API with a static token in a header.",
                    k_settings, &create_session<BearerSession>);

}  // namespace

APIRUNNER_PLUGIN(k_descriptor)
