// Bearer-token sessions: login, proactive refresh, recovery from a 401.
#include <apirunner/encoding.hpp>
#include <apirunner/error.hpp>
#include <apirunner/oauth2.hpp>

#include "stored_tokens.hpp"

#include <algorithm>

namespace apirunner::oauth2 {

OAuth2Session::OAuth2Session(HostServices& host, TokenEndpoint endpoint, std::string grant,
                             std::int64_t default_lifetime_s, std::string username)
    : m_host(host),
      m_client(host, std::move(endpoint), default_lifetime_s),
      m_grant(std::move(grant)),
      m_username(std::move(username)) {}

OAuth2Session::~OAuth2Session() = default;

std::string OAuth2Session::owner() const {
    return m_client.endpoint().url + " " + m_client.endpoint().client_id + " " + m_grant + " " +
           m_username;
}

bool OAuth2Session::still_good(std::int64_t expires_at_unix, std::int64_t lifetime_s) {
    const std::int64_t left_ms = (expires_at_unix - m_host.clock().unix_seconds()) * 1000;
    return left_ms > refresh_margin_ms(lifetime_s);
}

// Takes tokens from the store, placing them on the monotonic clock by their remaining lifetime.
void OAuth2Session::use(const Tokens& tokens, std::int64_t expires_at_unix) {
    m_tokens = tokens;
    const std::int64_t left_s = expires_at_unix - m_host.clock().unix_seconds();
    m_tokens.received_ms = m_host.clock().monotonic_ms() - (m_tokens.lifetime_s - left_s) * 1000;
    m_host.logger().add_secret(m_tokens.access_token);
    m_host.logger().add_secret(m_tokens.refresh_token);
}

void OAuth2Session::open() {
    if (!restore()) {
        login();
    }
}

bool OAuth2Session::restore() {
    auto text = m_host.token_store().load();
    auto stored = text ? deserialize(*text) : std::nullopt;
    if (!stored || stored->owner != owner()) {
        return false;
    }
    use(stored->tokens, stored->expires_at_unix);
    if (still_good(stored->expires_at_unix, stored->tokens.lifetime_s)) {
        m_host.logger().log(LogLevel::info, "reusing the stored session (" +
                                                std::to_string(stored->expires_at_unix -
                                                               m_host.clock().unix_seconds()) +
                                                " s left)");
        on_new_tokens();
        return true;
    }
    m_tokens.access_token.clear();
    return refresh();
}

void OAuth2Session::login() {
    const Params params = login_params();
    Tokens tokens =
        m_client.request(params, "the " + m_grant + " grant", m_client.endpoint().body_format,
                         m_client.endpoint().login_url);
    // The refresh_token grant redeems a refresh token from the settings. An answer without a new
    // one (RFC 6749 §6 allows it; Google does it) leaves that one in force, for the next renewal.
    const auto configured = std::find_if(params.begin(), params.end(), [](const auto& param) {
        return param.first == "refresh_token";
    });
    if (tokens.refresh_token.empty() && configured != params.end()) {
        tokens.refresh_token = configured->second;
    }
    accept(std::move(tokens));
    m_host.logger().log(LogLevel::info, "logged in with the " + m_grant + " grant");
}

void OAuth2Session::accept(Tokens tokens) {
    // A refresh answer without a refresh_token keeps the old one (RFC 6749 §6).
    if (tokens.refresh_token.empty()) {
        tokens.refresh_token = m_tokens.refresh_token;
    }
    m_tokens = std::move(tokens);
    // Saved before anything uses it: on a rotating provider the old refresh token is dead now.
    m_host.token_store().save(serialize(
        StoredTokens{m_tokens, m_host.clock().unix_seconds() + m_tokens.lifetime_s, owner()}));
    on_new_tokens();
}

bool OAuth2Session::adopt_newer_stored() {
    auto text = m_host.token_store().load();
    auto stored = text ? deserialize(*text) : std::nullopt;
    if (!stored || stored->owner != owner() ||
        stored->tokens.refresh_token == m_tokens.refresh_token) {
        return false;
    }
    // Another process refreshed meanwhile; its refresh token is the live one now.
    if (still_good(stored->expires_at_unix, stored->tokens.lifetime_s)) {
        use(stored->tokens, stored->expires_at_unix);
        m_host.logger().log(LogLevel::info, "took the session another process renewed");
        on_new_tokens();
        return true;
    }
    m_tokens.refresh_token = stored->tokens.refresh_token;
    m_host.logger().add_secret(m_tokens.refresh_token);
    return false;
}

bool OAuth2Session::refresh() {
    StoreLock lock(m_host.token_store());
    if (adopt_newer_stored()) {
        return true;
    }
    if (m_tokens.refresh_token.empty()) {
        return false;
    }
    Params params = {{"grant_type", "refresh_token"}, {"refresh_token", m_tokens.refresh_token}};
    for (auto& extra : refresh_params()) {
        params.push_back(std::move(extra));
    }
    try {
        accept(
            m_client.request(params, "the token refresh", m_client.endpoint().refresh_body_format));
    } catch (const GrantRefused& error) {
        m_host.logger().log(LogLevel::warning, error.what());
        drop_stored(m_tokens.refresh_token);  // dead: no later run may spend a request on it
        m_tokens.refresh_token.clear();
        return false;
    } catch (const Error& error) {
        // The client refused (invalid_client, a proxy's 403): the refresh token may still be
        // good, so it stays stored. Only a grant with a password may try its login instead.
        if (error.kind() != ErrorKind::credentials || !can_login_unattended()) {
            throw;
        }
        m_host.logger().log(LogLevel::warning, error.what());
        m_tokens.refresh_token.clear();
        return false;
    }
    m_host.logger().log(LogLevel::info, "refreshed the access token");
    return true;
}

void OAuth2Session::drop_stored(const std::string& refused) {
    auto text = m_host.token_store().load();
    auto stored = text ? deserialize(*text) : std::nullopt;
    if (refused.empty() || !stored || stored->owner != owner() ||
        (stored->tokens.access_token != refused && stored->tokens.refresh_token != refused)) {
        return;
    }
    if (stored->tokens.refresh_token == refused) {
        stored->tokens.refresh_token.clear();
    }
    stored->tokens.access_token.clear();
    stored->expires_at_unix = 0;
    m_host.token_store().save(serialize(*stored));
}

bool OAuth2Session::can_login_unattended() const {
    return m_grant == "password" || m_grant == "client_credentials";
}

std::optional<std::int64_t> OAuth2Session::keep_alive_in_ms() {
    if (m_tokens.access_token.empty()) {
        return 0;
    }
    const std::int64_t expires_ms = m_tokens.received_ms + m_tokens.lifetime_s * 1000;
    const std::int64_t due_ms = expires_ms - refresh_margin_ms(m_tokens.lifetime_s);
    return std::max<std::int64_t>(0, due_ms - m_host.clock().monotonic_ms());
}

void OAuth2Session::keep_alive() {
    if (refresh()) {
        return;
    }
    if (m_grant == "refresh_token") {
        throw Error(ErrorKind::credentials,
                    "provider '" + m_host.profile() +
                        "': the refresh token was refused; put a new one in "
                        "credentials.refresh_token (the next run redeems it)");
    }
    if (!can_login_unattended()) {
        throw Error(ErrorKind::credentials,
                    "provider '" + m_host.profile() + "': the session expired and the " + m_grant +
                        " grant cannot renew it unattended; run `apirunner login " +
                        m_host.profile() + "`");
    }
    login();
}

std::string OAuth2Session::authorize_url(const std::string& redirect_uri, const std::string& state,
                                         const std::string& code_challenge) {
    std::string url = authorization_endpoint();
    if (url.empty()) {
        throw Error(ErrorKind::config, "this provider has no authorization-code flow");
    }
    const Params params = {
        {"response_type", "code"},          {"client_id", m_client.endpoint().client_id},
        {"redirect_uri", redirect_uri},     {"state", state},
        {"code_challenge", code_challenge}, {"code_challenge_method", "S256"}};
    for (const auto& [name, value] : params) {
        url = add_query_param(url, name, value);
    }
    for (const auto& [name, value] : authorization_params()) {
        if (!value.empty()) {
            url = add_query_param(url, name, value);
        }
    }
    return url;
}

void OAuth2Session::exchange_code(const std::string& code, const std::string& redirect_uri,
                                  const std::string& code_verifier) {
    m_host.logger().add_secret(code);
    StoreLock lock(m_host.token_store());
    accept(m_client.request({{"grant_type", "authorization_code"},
                             {"code", code},
                             {"redirect_uri", redirect_uri},
                             {"code_verifier", code_verifier}},
                            "the authorization code exchange",
                            m_client.endpoint().refresh_body_format));
    m_host.logger().log(LogLevel::info, "logged in with the authorization-code grant");
}

std::vector<std::pair<std::string, std::string>> OAuth2Session::inspect() {
    const std::int64_t left_ms =
        m_tokens.received_ms + m_tokens.lifetime_s * 1000 - m_host.clock().monotonic_ms();
    return {{"grant", m_grant},
            {"token_type", m_tokens.token_type.empty() ? "bearer" : m_tokens.token_type},
            {"expires_in_s", std::to_string(std::max<std::int64_t>(0, left_ms / 1000))},
            {"refresh_token", m_tokens.refresh_token.empty() ? "no" : "yes"},
            {"scope", m_tokens.scope}};
}

void OAuth2Session::stamp(HttpRequest& request) {
    request.set_header("Authorization", "Bearer " + m_tokens.access_token);
}

void OAuth2Session::recover(const HttpResponse&) {
    {
        StoreLock lock(m_host.token_store());
        drop_stored(m_tokens.access_token);  // the API refused it, whatever its expiry says
    }
    keep_alive();
}

Params login_params_for(const Settings& settings, const std::string& grant,
                        const std::vector<std::string>& extra_keys) {
    auto required = [&](const std::string& name) {
        if (settings.get_or(name, "").empty()) {
            throw Error(ErrorKind::config,
                        "the " + grant + " grant needs the setting '" + name + "'");
        }
        return settings.get(name);
    };
    Params params = {{"grant_type", grant}};
    if (grant == "password") {
        params.emplace_back("username", required("username"));
        params.emplace_back("password", required("password"));
    } else if (grant == "refresh_token") {
        params.emplace_back("refresh_token", required("refresh_token"));
    } else if (grant == "authorization_code") {
        throw Error(ErrorKind::credentials,
                    "the authorization_code grant needs a stored session; run `apirunner login`");
    } else if (grant != "client_credentials") {
        throw Error(ErrorKind::config, "unsupported grant '" + grant + "'");
    }
    for (const auto& key : extra_keys) {
        if (settings.has(key)) {
            params.emplace_back(key, settings.get(key));
        }
    }
    return params;
}

TokenEndpoint endpoint_from(const Settings& settings, const std::string& token_url) {
    TokenEndpoint endpoint;
    endpoint.url = token_url;
    endpoint.client_id = settings.get_or("client_id", "");
    endpoint.client_secret = settings.get_or("client_secret", "");
    const std::string auth = settings.get_or("client_auth", "post");
    if (auth == "basic") {
        endpoint.client_auth = ClientAuth::basic;
    } else if (auth != "post") {
        throw Error(ErrorKind::config, "client_auth must be 'basic' or 'post', not '" + auth + "'");
    }
    const std::string body = settings.get_or("body_format", "form");
    if (body == "json") {
        endpoint.body_format = BodyFormat::json;
    } else if (body != "form") {
        throw Error(ErrorKind::config, "body_format must be 'form' or 'json', not '" + body + "'");
    }
    endpoint.basic_form_encoded = settings.get_or("basic_form_encoded", "false") == "true";
    return endpoint;
}

}  // namespace apirunner::oauth2
