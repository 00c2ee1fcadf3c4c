// MediaHound: the password and refresh grants at /1.3/security/oauth/token, form-encoded, with
// HTTP Basic client authentication on both (and the client id and secret in the password
// grant's body too, as the document's example sends them); '+'-delimited scopes.
#pragma once

#include <apirunner/oauth2.hpp>

namespace apirunner::mediahound {

// "public_profile+user_likes" or "public_profile user_likes" -> "public_profile user_likes":
// the '+' of the document is a form-encoded space, not a character of the scope.
std::string normalise_scope(const std::string& scope);

class MediaHoundSession : public oauth2::OAuth2Session {
  public:
    MediaHoundSession(const Settings& settings, HostServices& host);

  protected:
    oauth2::Params login_params() override;

  private:
    Settings m_settings;
};

}  // namespace apirunner::mediahound
