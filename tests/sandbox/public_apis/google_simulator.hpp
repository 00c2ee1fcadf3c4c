// Google Drive's file list behind Google's OAuth 2.0 token endpoint, as documented at
// https://developers.google.com/drive/api/reference/rest/v3/files/list,
// https://developers.google.com/identity/protocols/oauth2/web-server#offline (refreshing),
// https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke (revoking) and
// https://developers.google.com/drive/api/guides/handle-errors (errors and limits).
// - POST /oauth2/token, grant_type=refresh_token with client_id and client_secret in the form:
//   {"access_token","expires_in","scope","token_type":"Bearer"}, never a new refresh token.
//   A revoked refresh token is 400 invalid_grant "Token has been expired or revoked.".
// - POST /oauth2/revoke?token=...: revokes the grant, access tokens included.
// - GET /drive/v3/files?pageSize=&pageToken=: {"kind":"drive#fileList","nextPageToken",
//   "incompleteSearch":false,"files":[...]}; pageSize 1 to 1000 (default 100). As the reference
//   warns, pages may be partial or empty before the end: every fifth page is empty and the one
//   after it half full, each with a nextPageToken. No token on the last page.
// - A missing or refused Bearer token is 401 authError; past the per-user quota (10 requests a
//   second here, scaled down from 12,000 a minute so a test meets it) 403 userRateLimitExceeded,
//   with nothing but the body to say so.
#pragma once

#include "../dataset.hpp"
#include "../provider_simulator.hpp"
#include "../request_window.hpp"
#include "../token_registry.hpp"

#include <atomic>

namespace sandbox {

class GoogleSimulator : public ProviderSimulator {
  public:
    static constexpr const char* k_client_id = "1234567890-sandbox.apps.googleusercontent.com";
    static constexpr const char* k_client_secret = "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t";
    static constexpr const char* k_refresh_token = "1//SENTINEL-google-refresh-token";
    static constexpr const char* k_scope =
        "https://www.googleapis.com/auth/drive.metadata.readonly";

    explicit GoogleSimulator(const SandboxOptions& options) : m_options(options) {}
    std::vector<std::string> prefixes() const override { return {"/google"}; }
    void handle(const std::string& prefix, Exchange& exchange) override;
    bool serves_data(const std::string& path) const override { return path == "/drive/v3/files"; }

  private:
    void token(Exchange& exchange);
    void revoke(Exchange& exchange);
    void files(Exchange& exchange);

    const SandboxOptions& m_options;
    Dataset m_dataset{m_options};
    TokenRegistry m_access_tokens;
    RequestWindow m_window;
    std::atomic<bool> m_revoked{false};  // the grant: its refresh token and access tokens
};

}  // namespace sandbox
