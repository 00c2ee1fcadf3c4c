#include "openx_simulator.hpp"

#include <apirunner/encoding.hpp>
#include <apirunner/oauth1.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>

#include <algorithm>
#include <chrono>

namespace sandbox {
namespace {

namespace oauth1 = apirunner::oauth1;

constexpr std::int64_t k_timestamp_window_s = 600;

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// OAuth k1="v1", k2="v2" -> {k1: v1, k2: v2}, values decoded.
std::map<std::string, std::string> parse_authorization(const std::string& header) {
    std::map<std::string, std::string> params;
    if (Poco::icompare(header.substr(0, 6), "OAuth ") != 0) {
        return params;
    }
    Poco::StringTokenizer parts(header.substr(6), ",", Poco::StringTokenizer::TOK_TRIM);
    for (const auto& part : parts) {
        const auto equals = part.find('=');
        if (equals == std::string::npos) {
            continue;
        }
        std::string value = part.substr(equals + 1);
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            value = value.substr(1, value.size() - 2);
        }
        std::string decoded;
        Poco::URI::decode(value, decoded);
        params[part.substr(0, equals)] = decoded;
    }
    return params;
}

void form_answer(Exchange& exchange, int status, const std::string& body) {
    exchange.text(status, "application/x-www-form-urlencoded", body);
}

Poco::JSON::Object::Ptr account(std::int64_t index) {
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    record->set("uid", "6000" + std::to_string(10000 + index) + "-acct-ox");
    record->set("id", std::to_string(537000000 + index));
    record->set("name", "Account " + std::to_string(index + 1));
    record->set("status", index % 5 == 0 ? "Inactive" : "Active");
    record->set("currency", index % 2 ? "USD" : "EUR");
    return record;
}

}  // namespace

OpenXSimulator::OpenXSimulator(const SandboxOptions& options) : m_options(options) {}

void OpenXSimulator::handle(const std::string& prefix, Exchange& exchange) {
    const std::string& path = exchange.path();
    const std::string& method = exchange.method();
    if (prefix == "/openx-sso" && path == "/api/index/initiate" && method == "POST") {
        initiate(exchange);
    } else if (prefix == "/openx-sso" && path == "/login/process" && method == "POST") {
        login_process(exchange);
    } else if (prefix == "/openx-sso" && path == "/login/complete" && method == "GET") {
        login_complete(exchange);
    } else if (prefix == "/openx-sso" && path == "/api/index/token" && method == "POST") {
        access_token(exchange);
    } else if (prefix == "/openx" && path == "/ox/4.0/account" && method == "GET") {
        accounts(exchange);
    } else if (prefix == "/openx" && path == "/session" && method == "DELETE") {
        logout(exchange);
    } else {
        exchange.json_text(404, R"({"message":"Not Found"})");
    }
}

bool OpenXSimulator::verify(Exchange& exchange, const std::string& token_secret,
                            std::map<std::string, std::string>& oauth) {
    oauth = parse_authorization(exchange.header("Authorization"));
    auto problem = [&](const std::string& name, const std::string& extra = "") {
        log_event("openx", "401: oauth_problem=" + name);
        form_answer(exchange, 401, "oauth_problem=" + name + extra);
        return false;
    };
    if (oauth["oauth_consumer_key"] != k_consumer_key) {
        return problem("consumer_key_unknown");
    }
    Poco::Int64 timestamp = 0;
    const std::int64_t now = unix_now();
    if (!Poco::NumberParser::tryParse64(oauth["oauth_timestamp"], timestamp) ||
        std::abs(timestamp - now) > k_timestamp_window_s) {
        return problem("timestamp_refused", "&oauth_acceptable_timestamps=" +
                                                std::to_string(now - k_timestamp_window_s) + "-" +
                                                std::to_string(now + k_timestamp_window_s));
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_nonces.insert(oauth["oauth_timestamp"] + ":" + oauth["oauth_nonce"]).second) {
            return problem("nonce_used");
        }
    }
    oauth1::Params signed_params;
    for (const auto& [name, value] : oauth) {
        if (name != "oauth_signature" && name != "realm") {
            signed_params.emplace_back(name, value);
        }
    }
    for (const auto& field : exchange.form_fields()) {
        signed_params.push_back(field);
    }
    const std::string url = "http://" + exchange.header("Host") + exchange.raw_uri();
    const std::string base = oauth1::signature_base_string(exchange.method(), url, signed_params);
    const std::string expected = oauth1::signature(oauth1::SignatureMethod::hmac_sha1, base,
                                                   k_consumer_secret, token_secret);
    if (oauth["oauth_signature_method"] != "HMAC-SHA1" || oauth["oauth_signature"] != expected) {
        return problem("signature_invalid");
    }
    return true;
}

void OpenXSimulator::initiate(Exchange& exchange) {
    std::map<std::string, std::string> oauth;
    if (!verify(exchange, "", oauth)) {
        return;
    }
    if (oauth["oauth_callback"] != "oob") {
        form_answer(exchange, 400,
                    "oauth_problem=parameter_rejected&oauth_parameters_rejected=oauth_callback");
        return;
    }
    const std::string token = m_login_cookies.issue("ox-rqt", std::chrono::seconds(600), "request");
    const std::string secret = "SENTINEL-ox-rqs-" + token.substr(token.rfind('-') + 1);
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_request_tokens[token] = RequestToken{secret, ""};
    }
    log_event("openx", "request token (oob)");
    form_answer(exchange, 200,
                "oauth_token=" + apirunner::percent_encode(token) + "&oauth_token_secret=" +
                    apirunner::percent_encode(secret) + "&oauth_callback_confirmed=true");
}

void OpenXSimulator::login_process(Exchange& exchange) {
    const std::string token = exchange.field("oauth_token");
    bool known = false;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        known = m_request_tokens.count(token) != 0;
    }
    if (!known || exchange.field("email") != k_email || exchange.field("password") != k_password) {
        // The programmatic client sees the login page again, with no verifier in it.
        log_event("openx", "login refused: invalid email, password or request token");
        exchange.text(200, "text/html",
                      "<html><body><form action=\"/login/process\">"
                      "<p class=\"error\">Invalid email or password.</p></form></body></html>");
        return;
    }
    const std::string cookie = m_login_cookies.issue("ox-sso", std::chrono::seconds(60), token);
    exchange.set_cookie("ox_sso_login", cookie, "/openx-sso");
    exchange.header_out(
        "Location", "/openx-sso/login/complete?oauth_token=" + apirunner::percent_encode(token));
    log_event("openx", "login (email and password), 302 with a cookie");
    exchange.text(302, "text/html", "");
}

void OpenXSimulator::login_complete(Exchange& exchange) {
    auto token = m_login_cookies.check(exchange.cookie("ox_sso_login"));
    if (!token || *token != exchange.query("oauth_token")) {
        log_event("openx", "login/complete refused: the 302's cookie did not come back");
        exchange.text(403, "text/html", "<html><body>Session cookie missing.</body></html>");
        return;
    }
    const std::string verifier = "SENTINEL-ox-verifier-" + std::to_string(unix_now() % 100000);
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_request_tokens[*token].verifier = verifier;
    }
    form_answer(exchange, 200,
                "oauth_token=" + apirunner::percent_encode(*token) +
                    "&oauth_verifier=" + apirunner::percent_encode(verifier));
}

void OpenXSimulator::access_token(Exchange& exchange) {
    const auto oauth_header = exchange.header("Authorization");
    std::string token;
    RequestToken request;
    {
        auto params = parse_authorization(oauth_header);
        token = params["oauth_token"];
        std::lock_guard<std::mutex> lock(m_mutex);
        auto found = m_request_tokens.find(token);
        if (found == m_request_tokens.end()) {
            form_answer(exchange, 401, "oauth_problem=token_rejected");
            return;
        }
        request = found->second;
    }
    std::map<std::string, std::string> oauth;
    if (!verify(exchange, request.secret, oauth)) {
        return;
    }
    if (request.verifier.empty() || oauth["oauth_verifier"] != request.verifier) {
        form_answer(exchange, 401, "oauth_problem=verifier_invalid");
        return;
    }
    const std::string access = m_sessions.issue("ox-at", m_options.session_ttl, k_email);
    const std::string secret = "SENTINEL-ox-ats-" + access.substr(access.rfind('-') + 1);
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_request_tokens.erase(token);  // a request token is good for one access token
        m_access_secrets[access] = secret;
    }
    log_event("openx", "access token");
    form_answer(exchange, 200,
                "oauth_token=" + apirunner::percent_encode(access) +
                    "&oauth_token_secret=" + apirunner::percent_encode(secret));
}

void OpenXSimulator::accounts(Exchange& exchange) {
    if (!m_sessions.check(exchange.cookie("openx3_access_token"))) {
        log_event("openx", "401: no valid openx3_access_token cookie");
        exchange.json_text(
            401,
            R"({"message":"Authentication required: the openx3_access_token cookie is missing or expired"})");
        return;
    }
    Poco::Int64 limit = 50;
    Poco::Int64 offset = 0;
    Poco::NumberParser::tryParse64(exchange.query("limit", "50"), limit);
    Poco::NumberParser::tryParse64(exchange.query("offset", "0"), offset);
    limit = std::clamp<Poco::Int64>(limit, 1, 500);
    offset = std::max<Poco::Int64>(0, offset);
    const Dataset::View view = m_dataset.next_page();
    Poco::JSON::Array::Ptr objects = new Poco::JSON::Array;
    for (std::int64_t i = offset; i < std::min<std::int64_t>(view.total, offset + limit); ++i) {
        objects->add(account(view.index_at(i)));
    }
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("count", static_cast<Poco::Int64>(objects->size()));
    body.set("limit", limit);
    body.set("objects", objects);
    body.set("offset", offset);
    body.set("total", std::to_string(view.total));  // a string, as OX4 sends it
    exchange.json(200, body);
}

void OpenXSimulator::logout(Exchange& exchange) {
    const std::string session = exchange.cookie("openx3_access_token");
    if (!m_sessions.check(session)) {
        exchange.json_text(401, R"({"message":"No session"})");
        return;
    }
    m_sessions.revoke(session);
    log_event("openx", "logout (DELETE /session)");
    exchange.text(204, "text/plain", "");
}

}  // namespace sandbox
