#include "openx_session.hpp"

#include <apirunner/encoding.hpp>
#include <apirunner/error.hpp>

#include <charconv>

#include <algorithm>
#include <random>

namespace apirunner::openx {
namespace {

std::string field(const oauth1::Params& fields, const std::string& name) {
    for (const auto& [key, value] : fields) {
        if (key == name) {
            return value;
        }
    }
    return "";
}

std::string new_nonce() {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    static const char* const k_hex = "0123456789abcdef";
    std::string nonce;
    for (int i = 0; i < 32; ++i) {
        nonce += k_hex[random() % 16];
    }
    return nonce;
}

bool parse_integer(const std::string& text, std::int64_t& value) {
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

// The oauth_problem of a refused request, from the body or the WWW-Authenticate header.
std::string problem_of(const HttpResponse& response) {
    std::string problem = field(oauth1::parse_form(response.body), "oauth_problem");
    if (problem.empty()) {
        const std::string header = response.header("WWW-Authenticate").value_or("");
        const auto at = header.find("oauth_problem=\"");
        if (at != std::string::npos) {
            problem = header.substr(at + 15, header.find('"', at + 15) - at - 15);
        }
    }
    return problem;
}

}  // namespace

OpenXSession::OpenXSession(const Settings& settings, HostServices& host)
    : m_host(host),
      m_settings(settings),
      m_sso_url(settings.get("sso_url")),
      m_api_url(settings.get("base_url")) {}

void OpenXSession::open() { login(); }

oauth1::SigningInput OpenXSession::signing_input(const std::string& url,
                                                 const oauth1::Params& extra_oauth) {
    oauth1::SigningInput input;
    input.http_method = "POST";
    input.url = url;
    input.extra_oauth = extra_oauth;
    input.nonce = new_nonce();
    input.timestamp = m_host.clock().unix_seconds() + m_clock_offset_s;
    input.realm = m_settings.get_or("realm", "");
    return input;
}

HttpResponse OpenXSession::signed_post(const std::string& url,
                                       const oauth1::Credentials& credentials,
                                       const oauth1::Params& extra_oauth, const char* step) {
    for (int attempt = 1;; ++attempt) {
        const oauth1::SigningInput input = signing_input(url, extra_oauth);
        HttpRequest request;
        request.method = "POST";
        request.url = url;
        request.set_header("Authorization", oauth1::authorization_header(credentials, input));
        request.set_header("Content-Type", "application/x-www-form-urlencoded");
        HttpResponse response = m_host.http().send(request);
        if (response.status == 200) {
            return response;
        }
        const std::string problem = problem_of(response);
        if (attempt == 1 && problem == "timestamp_refused") {
            // oauth_acceptable_timestamps=a-b: aim for the middle of the server's window.
            const std::string window =
                field(oauth1::parse_form(response.body), "oauth_acceptable_timestamps");
            std::int64_t low = 0;
            std::int64_t high = 0;
            const auto dash = window.find('-');
            if (dash != std::string::npos && parse_integer(window.substr(0, dash), low) &&
                parse_integer(window.substr(dash + 1), high)) {
                m_clock_offset_s = (low + high) / 2 - m_host.clock().unix_seconds();
            }
            m_host.logger().log(LogLevel::warning, std::string(step) +
                                                       ": timestamp refused; clock corrected by " +
                                                       std::to_string(m_clock_offset_s) + " s");
            continue;
        }
        if (attempt == 1 && problem == "nonce_used") {
            continue;  // a new nonce comes with the next attempt
        }
        if (problem == "signature_invalid") {
            // Name what was signed, never the secrets it was signed with.
            std::string names;
            for (const auto& [name, value] : oauth1::signed_parameters(credentials, input)) {
                names += (names.empty() ? "" : ", ") + name;
            }
            throw Error(ErrorKind::config, std::string(step) +
                                               " was refused: signature_invalid (signed POST " +
                                               oauth1::base_string_uri(url) + " with " + names +
                                               "); check consumer_key and consumer_secret");
        }
        const ErrorKind kind =
            response.status >= 500 ? ErrorKind::unavailable : ErrorKind::credentials;
        throw Error(kind, std::string(step) + " was refused: HTTP " +
                              std::to_string(response.status) +
                              (problem.empty() ? "" : " (oauth_problem=" + problem + ")"));
    }
}

oauth1::Params OpenXSession::request_token() {
    const oauth1::Credentials consumer{m_settings.get("consumer_key"),
                                       m_settings.get("consumer_secret"), "", ""};
    HttpResponse response =
        signed_post(url_join(m_sso_url, m_settings.get("request_token_path")), consumer,
                    {{"oauth_callback", "oob"}}, "the request-token call");
    oauth1::Params fields = oauth1::parse_form(response.body);
    if (field(fields, "oauth_token").empty() || field(fields, "oauth_token_secret").empty()) {
        throw Error(ErrorKind::bad_data,
                    "the request-token answer has no oauth_token and oauth_token_secret");
    }
    if (field(fields, "oauth_callback_confirmed") != "true") {
        throw Error(ErrorKind::bad_data,
                    "the request-token answer did not confirm the callback "
                    "(oauth_callback_confirmed is not true)");
    }
    // The request token travels in URLs (the login's redirect): keep it out of every log line.
    m_host.logger().add_secret(field(fields, "oauth_token"));
    m_host.logger().add_secret(field(fields, "oauth_token_secret"));
    return fields;
}

std::string OpenXSession::authorize(const std::string& request_token) {
    HttpRequest request;
    request.method = "POST";
    request.url = url_join(m_sso_url, m_settings.get("login_path"));
    request.set_header("Content-Type", "application/x-www-form-urlencoded");
    request.body = form_encode({{"email", m_settings.get("email")},
                                {"password", m_settings.get("password")},
                                {"oauth_token", request_token}});
    // The SSO answers with a 302 that sets a cookie; the host's client follows it, cookie and all.
    HttpResponse response = m_host.http().send(request);
    const std::string verifier = field(oauth1::parse_form(response.body), "oauth_verifier");
    if (response.status >= 500) {
        throw Error(ErrorKind::unavailable,
                    "the login call failed: HTTP " + std::to_string(response.status));
    }
    if (verifier.empty()) {
        // Never retried: repeated failed logins lock the account.
        throw Error(ErrorKind::credentials,
                    "the login with email and password was refused (HTTP " +
                        std::to_string(response.status) +
                        ", no oauth_verifier in the answer); check email and password");
    }
    m_host.logger().add_secret(verifier);
    return verifier;
}

void OpenXSession::access_token(const oauth1::Params& request, const std::string& verifier) {
    const oauth1::Credentials credentials{
        m_settings.get("consumer_key"), m_settings.get("consumer_secret"),
        field(request, "oauth_token"), field(request, "oauth_token_secret")};
    HttpResponse response =
        signed_post(url_join(m_sso_url, m_settings.get("access_token_path")), credentials,
                    {{"oauth_verifier", verifier}}, "the access-token call");
    oauth1::Params fields = oauth1::parse_form(response.body);
    m_access_token = field(fields, "oauth_token");
    if (m_access_token.empty()) {
        throw Error(ErrorKind::bad_data, "the access-token answer has no oauth_token");
    }
    m_host.logger().add_secret(m_access_token);
    m_host.logger().add_secret(field(fields, "oauth_token_secret"));
}

void OpenXSession::login() {
    const oauth1::Params request = request_token();
    const std::string verifier = authorize(field(request, "oauth_token"));
    access_token(request, verifier);
    m_logged_in_ms = m_host.clock().monotonic_ms();
    m_host.logger().log(LogLevel::info, "logged in (OAuth 1.0a programmatic login)");
}

std::optional<std::int64_t> OpenXSession::keep_alive_in_ms() {
    if (m_access_token.empty()) {
        return 0;
    }
    const std::int64_t renew_at = m_logged_in_ms + m_settings.get_int("session_lifetime") * 1000;
    return std::max<std::int64_t>(0, renew_at - m_host.clock().monotonic_ms());
}

// OAuth 1.0a has no refresh: a session near its two-hour end is replaced by a new login.
void OpenXSession::keep_alive() { login(); }

void OpenXSession::recover(const HttpResponse&) { login(); }

void OpenXSession::stamp(HttpRequest& request) {
    request.set_header("Cookie", "openx3_access_token=" + m_access_token);
}

void OpenXSession::close() noexcept {
    if (m_access_token.empty()) {
        return;
    }
    try {
        HttpRequest request;
        request.method = "DELETE";
        request.url = url_join(m_api_url, m_settings.get("logout_path"));
        stamp(request);
        const HttpResponse response = m_host.http().send(request);
        m_host.logger().log(
            response.status < 300 ? LogLevel::info : LogLevel::warning,
            "logged out: DELETE /session answered HTTP " + std::to_string(response.status));
    } catch (const std::exception& error) {
        m_host.logger().log(LogLevel::warning, std::string("logout failed: ") + error.what());
    }
    m_access_token.clear();
}

}  // namespace apirunner::openx
