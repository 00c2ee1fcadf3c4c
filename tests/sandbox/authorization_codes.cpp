#include "authorization_codes.hpp"

#include "provider_simulator.hpp"

#include <apirunner/encoding.hpp>

#include <Poco/Base64Encoder.h>
#include <Poco/SHA2Engine.h>

#include <random>
#include <sstream>

namespace sandbox {
namespace {

std::string s256(const std::string& verifier) {
    Poco::SHA2Engine sha256(Poco::SHA2Engine::SHA_256);
    sha256.update(verifier);
    const auto& digest = sha256.digest();
    std::ostringstream out;
    Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    encoder.write(reinterpret_cast<const char*>(digest.data()),
                  static_cast<std::streamsize>(digest.size()));
    encoder.close();
    return out.str();
}

bool loopback_redirect(const std::string& uri) {
    return uri.rfind("http://127.0.0.1:", 0) == 0 || uri.rfind("http://localhost:", 0) == 0 ||
           uri.rfind("http://127.0.0.1/", 0) == 0;
}

std::string with_query(std::string uri, const std::string& name, const std::string& value) {
    return apirunner::add_query_param(uri, name, value);
}

}  // namespace

void AuthorizationCodes::authorize(Exchange& exchange, const std::string& provider,
                                   const std::string& client_id,
                                   const CredentialsCheck& credentials_ok) {
    const std::string redirect_uri = exchange.query("redirect_uri");
    const std::string state = exchange.query("state");
    if (exchange.query("client_id") != client_id || !loopback_redirect(redirect_uri) ||
        exchange.query("response_type", "code") != "code") {
        exchange.text(400, "text/html",
                      "<html><body>Unknown client or redirect_uri.</body></html>");
        return;
    }
    if (exchange.query("code_challenge").empty() ||
        exchange.query("code_challenge_method") != "S256") {
        exchange.text(400, "text/html", "<html><body>PKCE (S256) is required.</body></html>");
        return;
    }
    if (exchange.method() == "GET") {
        exchange.text(
            200, "text/html",
            "<html><body><form method=\"POST\"><input name=\"username\"><input name=\"password\" "
            "type=\"password\"><button>Sign in</button><button name=\"deny\" "
            "value=\"1\">Deny</button>"
            "</form></body></html>");
        return;
    }
    if (exchange.field("deny") == "1") {
        log_event(provider, "authorization denied by the user");
        exchange.header_out(
            "Location",
            with_query(with_query(redirect_uri, "error", "access_denied"), "state", state));
        exchange.text(302, "text/html", "");
        return;
    }
    if (!credentials_ok(exchange.field("username"), exchange.field("password"))) {
        log_event(provider, "authorization page: wrong username or password");
        exchange.text(
            200, "text/html",
            "<html><body><p class=\"error\">Wrong username or password.</p></body></html>");
        return;
    }
    std::string code;
    {
        static thread_local std::mt19937_64 random{std::random_device{}()};
        std::lock_guard<std::mutex> lock(m_mutex);
        code = "SENTINEL-code-" + std::to_string(++m_counter) + "-" +
               std::to_string(random() % 1000000000ULL);
        m_codes[code] = Issued{client_id, redirect_uri, exchange.query("code_challenge"),
                               Grantee{exchange.field("username"), exchange.query("scope")},
                               std::chrono::steady_clock::now() + std::chrono::seconds(60)};
    }
    log_event(provider, "authorization granted, redirecting with a code");
    exchange.header_out("Location",
                        with_query(with_query(redirect_uri, "code", code), "state", state));
    exchange.text(302, "text/html", "");
}

std::optional<Grantee> AuthorizationCodes::redeem(const std::string& code,
                                                  const std::string& client_id,
                                                  const std::string& redirect_uri,
                                                  const std::string& verifier) {
    std::lock_guard<std::mutex> lock(m_mutex);
    auto found = m_codes.find(code);
    if (found == m_codes.end()) {
        return std::nullopt;
    }
    const Issued issued = found->second;
    m_codes.erase(found);
    if (issued.client_id != client_id || issued.redirect_uri != redirect_uri ||
        std::chrono::steady_clock::now() > issued.expires || s256(verifier) != issued.challenge) {
        return std::nullopt;
    }
    return issued.grantee;
}

}  // namespace sandbox
