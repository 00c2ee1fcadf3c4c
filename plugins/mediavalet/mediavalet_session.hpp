// MediaValet (OIDC): the resource-owner password and refresh grants at <auth_url>/connect/token,
// form-encoded; the id_token is accepted and ignored; the API subscription key, when set, rides
// along on every API call.
#pragma once

#include <apirunner/oauth2.hpp>

namespace apirunner::mediavalet {

class MediaValetSession : public oauth2::OAuth2Session {
  public:
    MediaValetSession(const Settings& settings, HostServices& host);
    void stamp(HttpRequest& request) override;

  protected:
    oauth2::Params login_params() override;
    std::string authorization_endpoint() const override;
    oauth2::Params authorization_params() override;

  private:
    Settings m_settings;
    std::string m_subscription_key;
};

}  // namespace apirunner::mediavalet
