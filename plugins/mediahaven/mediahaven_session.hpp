// MediaHaven: the resource-owner password grant at <auth_url>/auth/ropc.php; refresh at
// <auth_url>/auth/oauth2/token, which rotates both tokens (the new pair replaces the old at once:
// the old refresh token is dead); a refused refresh starts over with a new login.
#pragma once

#include <apirunner/oauth2.hpp>

namespace apirunner::mediahaven {

class MediaHavenSession : public oauth2::OAuth2Session {
  public:
    MediaHavenSession(const Settings& settings, HostServices& host);
    // Adds what <auth_url>/auth/introspect.php says of the access token (Basic client auth).
    std::vector<std::pair<std::string, std::string>> inspect() override;

  protected:
    oauth2::Params login_params() override;
    std::string authorization_endpoint() const override;

  private:
    Settings m_settings;
    std::string m_auth_url;
};

}  // namespace apirunner::mediahaven
