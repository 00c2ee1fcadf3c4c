// MediaHaven: the resource-owner password grant at <auth_url>/auth/ropc.php; refresh at
// <auth_url>/auth/oauth2/token, which rotates both tokens (the new pair replaces the old at once:
// the old refresh token is dead); a refused refresh starts over with a new login.
#pragma once

#include <apirunner/oauth2.hpp>

namespace apirunner::mediahaven {

class MediaHavenSession : public oauth2::OAuth2Session {
public:
    MediaHavenSession(const Settings& settings, HostServices& host);

protected:
    oauth2::Params login_params() override;

private:
    Settings m_settings;
};

}  // namespace apirunner::mediahaven
