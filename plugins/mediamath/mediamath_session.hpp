// MediaMath: OAuth2 password grant with a JSON body and `audience`, refresh tokens with
// offline_access (form-encoded refresh), Bearer on every call, and the legacy `adama_session`
// cookie from /api/v2.0/session sent with every call after each new token.
#pragma once

#include <apirunner/oauth2.hpp>

namespace apirunner::mediamath {

class MediaMathSession : public oauth2::OAuth2Session {
  public:
    MediaMathSession(const Settings& settings, HostServices& host);

    void stamp(HttpRequest& request) override;

  protected:
    oauth2::Params login_params() override;
    void on_new_tokens() override;
    std::string authorization_endpoint() const override;
    oauth2::Params authorization_params() override;

  private:
    Settings m_settings;
    std::string m_api_url;
    bool m_legacy_session;
    std::string m_adama_session;
};

}  // namespace apirunner::mediamath
