// apikey: an API key in a header (X-API-Key: <key>) or in the query (?api_key=<key>).
#include <apirunner/encoding.hpp>
#include <apirunner/error.hpp>
#include <apirunner/plugin.hpp>
#include <apirunner/static_session.hpp>

namespace {

using namespace apirunner;

class ApiKeySession : public StaticSession {
  public:
    ApiKeySession(const Settings& settings, HostServices&)
        : m_in_query(where(settings) == "query"),
          m_name(settings.get("name")),
          m_value(settings.get("prefix").empty()
                      ? settings.get("key")
                      : settings.get("prefix") + " " + settings.get("key")) {}

    void stamp(HttpRequest& request) override {
        if (m_in_query) {
            request.url = add_query_param(request.url, m_name, m_value);
        } else {
            request.set_header(m_name, m_value);
        }
    }

  private:
    static std::string where(const Settings& settings) {
        const std::string in = settings.get("in");
        if (in != "header" && in != "query") {
            throw Error(ErrorKind::config,
                        "setting 'in' must be header or query, not '" + in + "'");
        }
        return in;
    }

    bool m_in_query;
    std::string m_name;
    std::string m_value;
};

const SettingSpec k_settings[] = {
    {"base_url", SettingType::url, nullptr, true, false, "API root"},
    {"key", SettingType::string, nullptr, true, true, "the API key"},
    {"in", SettingType::string, "header", false, false, "header or query"},
    {"name", SettingType::string, "X-API-Key", false, false,
     "the header or query parameter's name"},
    {"prefix", SettingType::string, "", false, false,
     "written before the key (e.g. Token); \"\" for none"},
};

const PluginDescriptor k_descriptor =
    make_descriptor("apikey", "1.0.0", "static", "Any API with a key in a header or the query.",
                    k_settings, &create_session<ApiKeySession>);

}  // namespace

APIRUNNER_PLUGIN(k_descriptor)
