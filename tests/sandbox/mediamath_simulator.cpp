#include "mediamath_simulator.hpp"

#include "oauth_answers.hpp"
#include "org_records.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>

#include <algorithm>

namespace sandbox {
namespace {

constexpr std::int64_t k_max_page = 1000;

std::int64_t number(const Exchange& exchange, const std::string& name, std::int64_t fallback) {
    Poco::Int64 value = fallback;
    const std::string text = exchange.query(name);
    return text.empty() || !Poco::NumberParser::tryParse64(text, value) ? fallback : value;
}

}  // namespace

MediaMathSimulator::MediaMathSimulator(const SandboxOptions& options) : m_options(options) {}

void MediaMathSimulator::handle(const std::string& prefix, Exchange& exchange) {
    const std::string& path = exchange.path();
    if (prefix == "/mediamath-auth" && path == "/oauth/token" && exchange.method() == "POST") {
        token(exchange);
    } else if (prefix == "/mediamath-auth" && path == "/authorize") {
        m_codes.authorize(exchange, "mediamath", k_client_id,
                          [](const std::string& user, const std::string& password) {
                              return user == k_username && password == k_password;
                          });
    } else if (prefix == "/mediamath" && path == "/api/v2.0/session") {
        session(exchange);
    } else if (prefix == "/mediamath" && path == "/api/v3.0/organizations" &&
               exchange.method() == "GET") {
        organizations(exchange);
    } else {
        exchange.json_text(404,
                           R"({"errors":[{"message":"not found"}],"meta":{"status":"not_found"}})");
    }
}

void MediaMathSimulator::token(Exchange& exchange) {
    if (exchange.field("client_id") != k_client_id ||
        exchange.field("client_secret") != k_client_secret) {
        log_event("mediamath", "token request refused: invalid_client");
        exchange.oauth_error(401, "invalid_client", "Client authentication failed.");
        return;
    }
    const std::string grant = exchange.field("grant_type");
    if (grant == "password") {
        password_grant(exchange);
    } else if (grant == "refresh_token") {
        refresh_grant(exchange);
    } else if (grant == "authorization_code") {
        code_grant(exchange);
    } else {
        exchange.oauth_error(403, "unsupported_grant_type", "Unsupported grant type: " + grant);
    }
}

void MediaMathSimulator::password_grant(Exchange& exchange) {
    if (!exchange.body_is_json()) {
        // The document's password grant is a JSON body; the sandbox holds clients to it.
        exchange.oauth_error(400, "invalid_request", "The password grant takes a JSON body.");
        return;
    }
    if (exchange.field("audience") != k_audience) {
        exchange.oauth_error(403, "access_denied",
                             "Service not found: " + exchange.field("audience"));
        return;
    }
    if (exchange.field("username") != k_username || exchange.field("password") != k_password) {
        log_event("mediamath", "login refused: wrong email or password");
        exchange.oauth_error(403, "invalid_grant", "Wrong email or password.");
        return;
    }
    const std::string scope = exchange.field("scope");
    log_event("mediamath", "login (password grant)");
    issue_tokens(exchange, k_username, scope.find("offline_access") != std::string::npos);
}

void MediaMathSimulator::refresh_grant(Exchange& exchange) {
    auto subject = m_refresh_tokens.check(exchange.field("refresh_token"));
    if (!subject) {
        log_event("mediamath", "refresh refused: unknown refresh token");
        exchange.oauth_error(403, "invalid_grant", "Unknown or invalid refresh token.");
        return;
    }
    log_event("mediamath", "refresh");
    issue_tokens(exchange, *subject, false);  // Auth0 does not rotate by default
}

void MediaMathSimulator::code_grant(Exchange& exchange) {
    auto grantee = m_codes.redeem(exchange.field("code"), exchange.field("client_id"),
                                  exchange.field("redirect_uri"), exchange.field("code_verifier"));
    if (!grantee) {
        log_event("mediamath", "code exchange refused");
        exchange.oauth_error(403, "invalid_grant", "Invalid authorization code");
        return;
    }
    log_event("mediamath", "login (authorization code)");
    issue_tokens(exchange, grantee->subject,
                 grantee->scope.find("offline_access") != std::string::npos);
}

void MediaMathSimulator::issue_tokens(Exchange& exchange, const std::string& subject,
                                      bool with_refresh) {
    IssuedTokens tokens{m_access_tokens.issue("mm-at", m_options.token_ttl, subject), ""};
    if (with_refresh) {
        tokens.refresh_token = m_refresh_tokens.issue("mm-rt", m_options.refresh_ttl, subject);
    }
    answer_tokens(exchange, tokens, m_options.token_ttl, "Bearer",
                  with_refresh ? "offline_access" : "");
}

void MediaMathSimulator::unauthorized(Exchange& exchange, const std::string& why) {
    log_event("mediamath", "401: " + why);
    Poco::JSON::Object body;
    Poco::JSON::Array::Ptr errors = new Poco::JSON::Array;
    Poco::JSON::Object::Ptr error = new Poco::JSON::Object;
    error->set("message", why);
    errors->add(error);
    body.set("errors", errors);
    Poco::JSON::Object::Ptr meta = new Poco::JSON::Object;
    meta->set("status", "unauthorized");
    body.set("meta", meta);
    exchange.json(401, body);
}

void MediaMathSimulator::session(Exchange& exchange) {
    auto subject = m_access_tokens.check(exchange.bearer());
    if (!subject) {
        unauthorized(exchange, "a valid Bearer token is required");
        return;
    }
    const std::string id = m_sessions.issue("adama", m_options.session_ttl, *subject);
    log_event("mediamath", "v2.0 session");
    exchange.set_cookie("adama_session", id, "/");
    exchange.json_text(200, R"({"data":{"session":{"expires_in":)" +
                                std::to_string(m_options.session_ttl.count()) +
                                R"(}},"meta":{"status":"ok"}})");
}

void MediaMathSimulator::organizations(Exchange& exchange) {
    if (!m_access_tokens.check(exchange.bearer())) {
        unauthorized(exchange, "a valid Bearer token is required");
        return;
    }
    if (!m_sessions.check(exchange.cookie("adama_session"))) {
        unauthorized(exchange, "a valid adama_session cookie is required");
        return;
    }
    const Dataset::View view = m_dataset.next_page();
    const std::int64_t total = view.total;
    const std::int64_t limit =
        std::clamp<std::int64_t>(number(exchange, "page_limit", 100), 1, k_max_page);
    const std::int64_t offset = std::max<std::int64_t>(0, number(exchange, "page_offset", 0));
    Poco::JSON::Array::Ptr data = new Poco::JSON::Array;
    for (std::int64_t i = offset; i < std::min(total, offset + limit); ++i) {
        data->add(organization(view.index_at(i)));
    }
    Poco::JSON::Object::Ptr meta = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    meta->set("count", static_cast<Poco::Int64>(data->size()));
    meta->set("total_count", total);
    meta->set("offset", offset);
    meta->set("status", "success");
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("data", data);
    body.set("meta", meta);
    exchange.json(200, body);
}

}  // namespace sandbox
