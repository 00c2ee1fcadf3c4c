#include "mediavalet_simulator.hpp"

#include "oauth_answers.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>
#include <Poco/StringTokenizer.h>

#include <algorithm>
#include <set>

namespace sandbox {
namespace {

const std::set<std::string> k_scopes = {"openid", "offline_access", "api", "profile"};

bool has_scope(const std::string& scope, const std::string& name) {
    Poco::StringTokenizer names(scope, " ", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    return std::find(names.begin(), names.end(), name) != names.end();
}

Poco::JSON::Object::Ptr asset(std::int64_t index) {
    static const char* const k_types[] = {"Image", "Video", "Document", "Audio"};
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    record->set("id", "3f2a0000-0000-4000-8000-" + std::to_string(100000000000 + index));
    record->set("title", "Asset " + std::to_string(index + 1));
    record->set("mediaType", k_types[index % 4]);
    record->set("fileSizeBytes", static_cast<Poco::Int64>(1024 * (index + 1)));
    return record;
}

}  // namespace

MediaValetSimulator::MediaValetSimulator(const SandboxOptions& options) : m_options(options) {}

void MediaValetSimulator::handle(const std::string&, Exchange& exchange) {
    if (exchange.path() == "/connect/token" && exchange.method() == "POST") {
        token(exchange);
    } else if (exchange.path() == "/connect/authorize") {
        m_codes.authorize(exchange, "mediavalet", k_client_id,
                          [](const std::string& user, const std::string& password) {
                              return user == k_username && password == k_password;
                          });
    } else if (exchange.path() == "/assets" && exchange.method() == "GET") {
        assets(exchange);
    } else {
        exchange.json_text(404, R"({"error":"not_found"})");
    }
}

void MediaValetSimulator::issue(Exchange& exchange, const std::string& subject,
                                const std::string& scope) {
    IssuedTokens tokens{m_access_tokens.issue("mv-at", m_options.token_ttl, subject), ""};
    if (has_scope(scope, "offline_access")) {
        tokens.refresh_token = m_refresh_tokens.issue("mv-rt", m_options.refresh_ttl, subject);
    }
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    if (has_scope(scope, "openid")) {
        body.set("id_token", "SENTINEL-mv-idt.eyJzdWIiOiJ2YWxldCJ9.sig");
    }
    body.set("access_token", tokens.access_token);
    body.set("expires_in", static_cast<Poco::Int64>(m_options.token_ttl.count()));
    body.set("token_type", "Bearer");
    if (!tokens.refresh_token.empty()) {
        body.set("refresh_token", tokens.refresh_token);
    }
    body.set("scope", scope);
    exchange.json(200, body);
}

void MediaValetSimulator::token(Exchange& exchange) {
    if (exchange.field("client_id") != k_client_id ||
        exchange.field("client_secret") != k_client_secret) {
        log_event("mediavalet", "token request refused: invalid_client");
        exchange.oauth_error(400, "invalid_client", "");
        return;
    }
    const std::string grant = exchange.field("grant_type");
    if (grant == "password") {
        const std::string scope = exchange.field("scope");
        Poco::StringTokenizer names(scope, " ", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
        if (!std::all_of(names.begin(), names.end(),
                         [](const std::string& n) { return k_scopes.count(n) != 0; })) {
            exchange.oauth_error(400, "invalid_scope", "");
            return;
        }
        if (exchange.field("username") != k_username || exchange.field("password") != k_password) {
            log_event("mediavalet", "login refused: invalid username or password");
            exchange.oauth_error(400, "invalid_grant", "invalid_username_or_password");
            return;
        }
        log_event("mediavalet", "login (password grant)");
        issue(exchange, k_username, scope);
    } else if (grant == "authorization_code") {
        auto grantee =
            m_codes.redeem(exchange.field("code"), exchange.field("client_id"),
                           exchange.field("redirect_uri"), exchange.field("code_verifier"));
        if (!grantee) {
            log_event("mediavalet", "code exchange refused");
            exchange.oauth_error(400, "invalid_grant", "");
            return;
        }
        log_event("mediavalet", "login (authorization code)");
        issue(exchange, grantee->subject, grantee->scope);
    } else if (grant == "refresh_token") {
        auto subject = m_refresh_tokens.check(exchange.field("refresh_token"));
        if (!subject) {
            log_event("mediavalet", "refresh refused: invalid_grant");
            exchange.oauth_error(400, "invalid_grant", "");
            return;
        }
        log_event("mediavalet", "refresh");
        // Reusable refresh tokens: the answer carries none, the client keeps its own.
        IssuedTokens tokens{m_access_tokens.issue("mv-at", m_options.token_ttl, *subject), ""};
        answer_tokens(exchange, tokens, m_options.token_ttl, "Bearer", "openid offline_access api");
    } else {
        // "Client Credentials Flow ... COMING SOON": not offered yet.
        exchange.oauth_error(400, "unsupported_grant_type", "");
    }
}

void MediaValetSimulator::assets(Exchange& exchange) {
    if (exchange.header("Ocp-Apim-Subscription-Key") != k_subscription_key) {
        log_event("mediavalet", "401: missing or invalid subscription key");
        exchange.json_text(
            401, R"({"statusCode":401,"message":"Access denied due to missing subscription key. )"
                 R"(Make sure to include subscription key when making requests to an API."})");
        return;
    }
    if (!require_bearer(exchange, m_access_tokens, "mediavalet",
                        R"({"errors":[{"message":"Unauthorized"}],"payload":null})")) {
        return;
    }
    Poco::Int64 count = 50;
    Poco::Int64 offset = 0;
    Poco::NumberParser::tryParse64(exchange.query("count", "50"), count);
    Poco::NumberParser::tryParse64(exchange.query("offset", "0"), offset);
    count = std::clamp<Poco::Int64>(count, 1, 500);
    offset = std::max<Poco::Int64>(0, offset);
    const Dataset::View view = m_dataset.next_page();
    Poco::JSON::Array::Ptr assets = new Poco::JSON::Array;
    const std::int64_t end = std::min<std::int64_t>(view.total, offset + count);
    for (std::int64_t i = offset; i < end; ++i) {
        assets->add(asset(view.index_at(i)));
    }
    if (end < view.total) {
        exchange.header_out("Link", "</mediavalet/assets?offset=" + std::to_string(end) +
                                        "&count=" + std::to_string(count) + ">; rel=\"next\"");
    }
    Poco::JSON::Object::Ptr payload = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    payload->set("assets", assets);
    payload->set("assetCount", view.total);
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("apiVersion", "1.0");
    body.set("payload", payload);
    exchange.json(200, body);
}

}  // namespace sandbox
