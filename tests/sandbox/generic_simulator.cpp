#include "generic_simulator.hpp"

#include "oauth_answers.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>

#include <algorithm>

namespace sandbox {

GenericSimulator::GenericSimulator(const SandboxOptions& options) : m_options(options) {}

void GenericSimulator::handle(const std::string&, Exchange& exchange) {
    if (exchange.path() == "/oauth/token" && exchange.method() == "POST") {
        token(exchange);
    } else if (exchange.path() == "/v1/items" && exchange.method() == "GET") {
        items(exchange, exchange.query("page", "1"));
    } else if (exchange.path().rfind(k_items_by_path, 0) == 0 && exchange.method() == "GET") {
        items(exchange, exchange.path().substr(std::string(k_items_by_path).size()));
    } else {
        exchange.json_text(404, R"({"error":"not_found"})");
    }
}

void GenericSimulator::token(Exchange& exchange) {
    auto basic = exchange.basic();
    const std::string id = basic ? basic->first : exchange.field("client_id");
    const std::string secret = basic ? basic->second : exchange.field("client_secret");
    if (id != k_client_id || secret != k_client_secret) {
        log_event("generic", "token request refused: invalid_client");
        exchange.oauth_error(401, "invalid_client", "Client authentication failed");
        return;
    }
    const std::string how =
        std::string(basic ? "basic" : "post") + ", " + (exchange.body_is_json() ? "json" : "form");
    const std::string grant = exchange.field("grant_type");
    if (grant == "client_credentials") {
        if (exchange.field("audience") != k_audience) {
            exchange.oauth_error(403, "access_denied",
                                 "Unknown audience: " + exchange.field("audience"));
            return;
        }
        log_event("generic", "login (client_credentials grant, " + how + ")");
        answer_tokens(exchange, {m_access_tokens.issue("gen-at", m_options.token_ttl, id), ""},
                      m_options.token_ttl, "Bearer", exchange.field("scope"));
    } else if (grant == "password") {
        if (exchange.field("username") != k_username || exchange.field("password") != k_password) {
            log_event("generic", "login refused: invalid_grant");
            exchange.oauth_error(400, "invalid_grant", "Invalid resource owner credentials");
            return;
        }
        log_event("generic", "login (password grant, " + how + ")");
        answer_tokens(exchange,
                      {m_access_tokens.issue("gen-at", m_options.token_ttl, k_username),
                       m_refresh_tokens.issue("gen-rt", m_options.refresh_ttl, k_username)},
                      m_options.token_ttl, "Bearer", "");
    } else if (grant == "refresh_token") {
        auto subject = exchange.field("refresh_token") == k_long_lived_refresh_token
                           ? std::optional<std::string>(k_username)
                           : m_refresh_tokens.check(exchange.field("refresh_token"));
        if (!subject) {
            exchange.oauth_error(400, "invalid_grant", "Invalid refresh token");
            return;
        }
        log_event("generic", "refresh");
        answer_tokens(exchange,
                      {m_access_tokens.issue("gen-at", m_options.token_ttl, *subject), ""},
                      m_options.token_ttl, "Bearer", "");
    } else {
        exchange.oauth_error(400, "unsupported_grant_type", "");
    }
}

std::string GenericSimulator::authentication(Exchange& exchange) {
    const std::string bearer = exchange.bearer();
    if (bearer == k_static_token) {
        return "static bearer token";
    }
    if (!bearer.empty() && m_access_tokens.check(bearer)) {
        return "oauth2 bearer token";
    }
    auto basic = exchange.basic();
    if (basic && basic->first == k_username && basic->second == k_password) {
        return "basic";
    }
    if (exchange.header("X-API-Key") == k_api_key) {
        return "api key in a header";
    }
    if (exchange.query("api_key") == k_api_key) {
        return "api key in the query";
    }
    return "";
}

void GenericSimulator::items(Exchange& exchange, const std::string& page_text) {
    const std::string how = authentication(exchange);
    if (how.empty()) {
        log_event("generic", "401: no valid credentials");
        exchange.header_out("WWW-Authenticate", R"(Bearer realm="generic")");
        exchange.json_text(401, R"({"error":"unauthorized"})");
        return;
    }
    Poco::Int64 page = 1;
    Poco::Int64 per_page = 20;
    if (!Poco::NumberParser::tryParse64(page_text, page)) {
        exchange.json_text(400, R"({"error":"page is not a number"})");
        return;
    }
    Poco::NumberParser::tryParse64(exchange.query("per_page", "20"), per_page);
    page = std::max<Poco::Int64>(1, page);
    per_page = std::clamp<Poco::Int64>(per_page, 1, 500);
    log_event("generic", "items page " + std::to_string(page) + " via " + how);
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    const std::int64_t start = (page - 1) * per_page;
    const Dataset::View view = m_dataset.next_page();
    const std::int64_t end = std::min<std::int64_t>(view.total, start + per_page);
    for (std::int64_t i = start; i < end; ++i) {
        const std::int64_t index = view.index_at(i);
        Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        item->set("id", 1 + index);
        item->set("label", "Item " + std::to_string(index + 1));
        items->add(item);
    }
    Poco::JSON::Object::Ptr links = new Poco::JSON::Object;
    links->set("next", end < view.total ? Poco::Dynamic::Var(
                                              "/generic/v1/items?page=" + std::to_string(page + 1) +
                                              "&per_page=" + std::to_string(per_page))
                                        : Poco::Dynamic::Var());
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("items", items);
    body.set("links", links);
    exchange.json(200, body);
}

}  // namespace sandbox
