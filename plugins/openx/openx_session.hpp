// OpenX programmatic authentication (OAuth 1.0a): a request token with the `oob` callback,
// POST /login/process with email, password and the request token (cookies kept across its 302),
// the access token for the verifier; then the openx3_access_token cookie on every API call, a
// new login before the two-hour session limit, and DELETE /session when the run ends.
#pragma once

#include <apirunner/host.hpp>
#include <apirunner/oauth1.hpp>
#include <apirunner/session.hpp>
#include <apirunner/settings.hpp>

namespace apirunner::openx {

class OpenXSession : public Session {
  public:
    OpenXSession(const Settings& settings, HostServices& host);

    void open() override;
    std::optional<std::int64_t> keep_alive_in_ms() override;
    void keep_alive() override;
    void stamp(HttpRequest& request) override;
    void recover(const HttpResponse& refused) override;
    void close() noexcept override;

  private:
    void login();
    oauth1::Params request_token();
    std::string authorize(const std::string& request_token);
    void access_token(const oauth1::Params& request, const std::string& verifier);
    // A signed POST; one retry after timestamp_refused (clock corrected) or nonce_used.
    HttpResponse signed_post(const std::string& url, const oauth1::Credentials& credentials,
                             const oauth1::Params& extra_oauth, const char* step);
    oauth1::SigningInput signing_input(const std::string& url, const oauth1::Params& extra_oauth);

    HostServices& m_host;
    Settings m_settings;
    std::string m_sso_url;
    std::string m_api_url;
    std::int64_t m_clock_offset_s = 0;
    std::string m_access_token;
    std::int64_t m_logged_in_ms = 0;
};

}  // namespace apirunner::openx
