// The OAuth 2.0 token client and session every OAuth2 plugin shares (RFC 6749, 6750): token
// requests, error parsing (§5.2), expiry bookkeeping, refresh and re-login. A provider plugin
// derives from OAuth2Session and adds its quirks only.
#pragma once

#include <apirunner/error.hpp>
#include <apirunner/host.hpp>
#include <apirunner/session.hpp>
#include <apirunner/settings.hpp>
#include <boost/config.hpp>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace apirunner::oauth2 {

using Params = std::vector<std::pair<std::string, std::string>>;

enum class ClientAuth { post, basic };  // client_id/secret in the body, or HTTP Basic
enum class BodyFormat { form, json };

struct TokenEndpoint {
    std::string url;
    std::string login_url;  // where the login grant goes, when not `url` (MediaHaven's ropc.php)
    std::string client_id;
    std::string client_secret;
    ClientAuth client_auth = ClientAuth::post;
    BodyFormat body_format = BodyFormat::form;          // of the login grant
    BodyFormat refresh_body_format = BodyFormat::form;  // of the refresh grant
    // RFC 6749 §2.3.1 form-encodes id and secret before base64; many servers expect them raw.
    bool basic_form_encoded = false;
};

struct Tokens {
    std::string access_token;
    std::string refresh_token;  // empty when none was issued
    std::string token_type;     // lower case
    std::string scope;
    std::int64_t lifetime_s = 0;
    std::int64_t received_ms = 0;  // monotonic clock
};

// The token endpoint's invalid_grant (RFC 6749 §5.2): the grant itself (a refresh token, a code,
// a password) is dead, where invalid_client and the others refuse the client.
class BOOST_SYMBOL_VISIBLE GrantRefused : public Error {
  public:
    using Error::Error;
    ~GrantRefused() override;
};

// Parses a token endpoint's answer. Throws Error: GrantRefused (credentials) for invalid_grant,
// credentials for invalid_client/unauthorized_client/access_denied, config for the other §5.2
// codes, unavailable for 5xx, bad_data for anything that is not a token response. `what` names
// the request in messages.
Tokens parse_token_response(const HttpResponse& response, std::int64_t default_lifetime_s,
                            const std::string& provider, const std::string& what);

// Milliseconds before expiry at which to refresh: max(60 s, 10 % of the lifetime), but never
// more than half the lifetime, so that short-lived tokens do not cause a refresh storm.
std::int64_t refresh_margin_ms(std::int64_t lifetime_s);

// The Basic header value for a client id and secret.
std::string basic_authorization(const std::string& id, const std::string& secret,
                                bool form_encoded);

class BOOST_SYMBOL_VISIBLE TokenClient {
  public:
    TokenClient(HostServices& host, TokenEndpoint endpoint, std::int64_t default_lifetime_s);
    // POSTs a grant to the token endpoint; client authentication is added as configured.
    // `url` "" means the endpoint's url.
    Tokens request(const Params& params, const std::string& what, BodyFormat format,
                   const std::string& url = "");
    const TokenEndpoint& endpoint() const { return m_endpoint; }

  private:
    HostServices& m_host;
    TokenEndpoint m_endpoint;
    std::int64_t m_default_lifetime_s;
};

// A session on bearer tokens. Subclasses supply the login grant's parameters and may add
// steps after each new token (a session cookie) or to each request.
// Tokens live in the host's token store: open() reuses a stored session that is still good (or
// refreshes it), every new pair is saved before it is used, and a refresh holds the profile's
// lock and first adopts a newer pair another process may have stored meanwhile.
class BOOST_SYMBOL_VISIBLE OAuth2Session : public Session {
  public:
    void open() override;
    std::optional<std::int64_t> keep_alive_in_ms() override;
    void keep_alive() override;
    void stamp(HttpRequest& request) override;
    void recover(const HttpResponse& refused) override;
    void close() noexcept override {}
    // The grant, the token's remaining lifetime and whether a refresh token is held.
    std::vector<std::pair<std::string, std::string>> inspect() override;
    // Authorization-code grant with PKCE (RFC 7636, S256): the URL for the browser, and the
    // exchange of the code it brought back; the tokens go to the store.
    std::string authorize_url(const std::string& redirect_uri, const std::string& state,
                              const std::string& code_challenge) override;
    void exchange_code(const std::string& code, const std::string& redirect_uri,
                       const std::string& code_verifier) override;

  protected:
    // `username` only tells sessions of different users apart in the store ("" if none).
    OAuth2Session(HostServices& host, TokenEndpoint endpoint, std::string grant,
                  std::int64_t default_lifetime_s, std::string username = "");
    ~OAuth2Session() override;

    // The body of the login request for the configured grant ("grant_type" included).
    // Grants that cannot log in unattended (authorization_code) throw Error(credentials).
    virtual Params login_params() = 0;
    // Extra parameters of a refresh request (MediaMath: none; some want the scope again).
    virtual Params refresh_params() { return {}; }
    // Runs after every new access token (login or refresh).
    virtual void on_new_tokens() {}
    // The provider's authorization endpoint; "" when it has none (authorize_url then throws).
    virtual std::string authorization_endpoint() const { return ""; }
    // Extra query parameters of the authorization request (scope, audience, ...).
    virtual Params authorization_params() { return {}; }
    // Whether a refused refresh may fall back to a full login (the password and
    // client_credentials grants: their login needs no person). Not the refresh_token grant:
    // its login would redeem a refused (or, on a rotating provider, a spent) token again.
    virtual bool can_login_unattended() const;

    HostServices& host() { return m_host; }
    const Tokens& tokens() const { return m_tokens; }
    const std::string& grant() const { return m_grant; }
    TokenClient& token_client() { return m_client; }
    // Takes a new pair: keeps the old refresh token if none came, saves, then on_new_tokens().
    void accept(Tokens tokens);
    void login();
    // Uses the refresh token; false when there is none or it was refused.
    bool refresh();

  private:
    bool restore();
    // Under the profile's lock: takes the stored pair when another process replaced ours.
    bool adopt_newer_stored();
    // Under the profile's lock: takes a token the provider refused (and the access token with
    // it) out of the store, when the store still holds it, so that no later run starts with it.
    void drop_stored(const std::string& refused);
    bool still_good(std::int64_t expires_at_unix, std::int64_t lifetime_s);
    void use(const Tokens& tokens, std::int64_t expires_at_unix);
    std::string owner() const;

    HostServices& m_host;
    TokenClient m_client;
    std::string m_grant;
    std::string m_username;
    Tokens m_tokens;
};

// The body of a login with one of the unattended grants: password (username, password),
// client_credentials, refresh_token (a refresh_token setting); then each of `extra_keys`
// (audience, scope, ...) that is set. Throws Error(config) for a missing setting, and
// Error(credentials) for authorization_code, which needs `apirunner login` first.
Params login_params_for(const Settings& settings, const std::string& grant,
                        const std::vector<std::string>& extra_keys);

// Reads the common OAuth2 settings (token endpoint, client id/secret, client_auth, body_format).
TokenEndpoint endpoint_from(const Settings& settings, const std::string& token_url);

}  // namespace apirunner::oauth2
