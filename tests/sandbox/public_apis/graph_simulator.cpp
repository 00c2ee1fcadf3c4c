#include "graph_simulator.hpp"

#include "../oauth_answers.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/NumberFormatter.h>
#include <Poco/NumberParser.h>

namespace sandbox {
namespace {

void graph_error(Exchange& exchange, int status, const std::string& code,
                 const std::string& message) {
    Poco::JSON::Object::Ptr inner = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    inner->set("date", "2026-01-01T00:00:00");
    inner->set("request-id", "00000000-0000-4000-8000-000000000000");
    Poco::JSON::Object::Ptr error = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    error->set("code", code);
    error->set("message", message);
    error->set("innerError", inner);
    Poco::JSON::Object body;
    body.set("error", error);
    exchange.json(status, body);
}

Poco::JSON::Object::Ptr user(std::int64_t index, int revision = 0) {
    const std::string n = std::to_string(index + 1);
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    record->set("id", "6e7b768e-07e2-4810-8459-" + Poco::NumberFormatter::format0(index, 12));
    record->set(
        "displayName",
        "User " + n + (revision ? " (edited " + std::to_string(revision) + ")" : std::string()));
    record->set("mail", "user" + n + "@contoso.test");
    record->set("userPrincipalName", "user" + n + "@contoso.onmicrosoft.test");
    return record;
}

// An opaque token for "the page from `position`": hex, so it is not a plain number a client
// could be tempted to compute.
std::string skip_token(std::int64_t position) {
    return "X%27" + Poco::NumberFormatter::formatHex(position * 7919 + 4099, 8) + "%27";
}

std::optional<std::int64_t> position_of(const std::string& token) {
    unsigned value = 0;
    if (token.size() != 11 || token.rfind("X'", 0) != 0 ||
        !Poco::NumberParser::tryParseHex(token.substr(2, 8), value) || (value - 4099) % 7919) {
        return std::nullopt;
    }
    return (static_cast<std::int64_t>(value) - 4099) / 7919;
}

// A delta query's $skiptoken or $deltatoken: a position in the stream of changes, as opaque.
std::string stream_token(std::int64_t position) {
    return "DT" +
           Poco::NumberFormatter::formatHex(static_cast<Poco::UInt64>(position) * 7919 + 4099);
}

std::optional<std::int64_t> stream_position(const std::string& token) {
    Poco::UInt64 value = 0;
    if (token.rfind("DT", 0) != 0 || !Poco::NumberParser::tryParseHex64(token.substr(2), value) ||
        value < 4099 || (value - 4099) % 7919) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>((value - 4099) / 7919);
}

constexpr std::int64_t k_delta_page = 100;

}  // namespace

void GraphSimulator::handle(const std::string& prefix, Exchange& exchange) {
    if (prefix == "/graph-login") {
        if (exchange.path() == std::string("/") + k_tenant + "/oauth2/v2.0/token" &&
            exchange.method() == "POST") {
            token(exchange);
        } else {
            exchange.oauth_error(400, "invalid_request", "AADSTS90002: Tenant not found.");
        }
    } else if (exchange.path() == "/v1.0/users" && exchange.method() == "GET") {
        users(exchange);
    } else if (exchange.path() == "/v1.0/users/delta" && exchange.method() == "GET") {
        delta(exchange);
    } else if (exchange.path() == "/_sandbox/changes" && exchange.method() == "POST") {
        change(exchange);
    } else {
        graph_error(exchange, 400, "BadRequest",
                    "Resource not found for the segment '" + exchange.path() + "'.");
    }
}

void GraphSimulator::token(Exchange& exchange) {
    if (exchange.field("grant_type") != "client_credentials") {
        exchange.oauth_error(400, "unsupported_grant_type", "AADSTS70003: unsupported grant.");
        return;
    }
    if (exchange.field("client_id") != k_client_id ||
        exchange.field("client_secret") != k_client_secret) {
        log_event("graph", "token request refused: invalid_client");
        exchange.oauth_error(401, "invalid_client", "AADSTS7000215: Invalid client secret.");
        return;
    }
    if (exchange.field("scope") != k_scope) {
        exchange.oauth_error(400, "invalid_scope",
                             "AADSTS1002012: The provided value for scope is not valid.");
        return;
    }
    log_event("graph", "login (client_credentials grant)");
    const auto lifetime = m_options.token_ttl;
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("token_type", "Bearer");
    body.set("expires_in", static_cast<Poco::Int64>(lifetime.count()));
    body.set("ext_expires_in", static_cast<Poco::Int64>(lifetime.count()));
    body.set("access_token",
             m_access_tokens.issue("eyJ0eXAiOiJKV1Qi.graph-at", lifetime, k_client_id));
    exchange.json(200, body);
}

bool GraphSimulator::authorized(Exchange& exchange) {
    const std::string token = exchange.bearer();
    if (!token.empty() && m_access_tokens.check(token)) {
        return true;
    }
    log_event("graph", "401: no valid token");
    graph_error(exchange, 401, "InvalidAuthenticationToken",
                token.empty() ? "Access token is empty."
                              : "Lifetime validation failed, the "
                                "token is expired.");
    return false;
}

void GraphSimulator::users(Exchange& exchange) {
    if (!authorized(exchange)) {
        return;
    }
    Poco::Int64 top = 100;
    const std::string top_text = exchange.query("$top", "100");
    if (!Poco::NumberParser::tryParse64(top_text, top) || top < 1 || top > 999) {
        graph_error(exchange, 400, "Request_UnsupportedQuery",
                    "Invalid page size specified: '" + top_text +
                        "'. Must be between 1 and 999 inclusive.");
        return;
    }
    std::int64_t start = 0;
    if (!exchange.query("$skiptoken").empty()) {
        const auto position = position_of(exchange.query("$skiptoken"));
        if (!position) {
            graph_error(exchange, 400, "Directory_ExpiredPageToken",
                        "The specified page token value has expired and can no longer be "
                        "included in your request.");
            return;
        }
        start = *position;
    }
    const Dataset::View view = m_dataset.next_page();
    const std::int64_t end = std::min(view.total, start + top);
    log_event("graph", "users " + std::to_string(start) + ".." + std::to_string(end));
    Poco::JSON::Array::Ptr value = new Poco::JSON::Array;
    for (std::int64_t position = start; position < end; ++position) {
        value->add(user(view.index_at(position)));
    }
    const std::string root = "http://" + exchange.header("Host") + "/graph/v1.0";
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("@odata.context", root + "/$metadata#users");
    body.set("value", value);
    if (end < view.total) {
        body.set("@odata.nextLink",
                 root + "/users?$top=" + std::to_string(top) + "&$skiptoken=" + skip_token(end));
    }
    exchange.json(200, body);
}

void GraphSimulator::delta(Exchange& exchange) {
    if (!authorized(exchange)) {
        return;
    }
    const std::string skip = exchange.query("$skiptoken");
    const std::string given = skip.empty() ? exchange.query("$deltatoken") : skip;
    std::int64_t position = 0;
    if (!given.empty()) {
        const auto at = stream_position(given);
        if (!at) {
            graph_error(exchange, 400, "Directory_ExpiredPageToken",
                        "The specified page token value has expired and can no longer be "
                        "included in your request.");
            return;
        }
        position = *at;
    }
    const std::int64_t from = position;
    Poco::JSON::Array::Ptr value = new Poco::JSON::Array;
    // A fresh walk starts with an empty page that links on: more pages may follow "even if the
    // current response contains an empty result" (delta-query-overview).
    if (!given.empty()) {
        for (const auto& entry : m_stream.read(position, k_delta_page)) {
            value->add(user(entry.index, entry.revision));
        }
    }
    log_event("graph", "delta from " + std::to_string(from) + ", " + std::to_string(value->size()) +
                           " users");
    const std::string root = "http://" + exchange.header("Host") + "/graph/v1.0";
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("@odata.context", root + "/$metadata#users");
    body.set("value", value);
    if (m_stream.at_end(position)) {
        body.set("@odata.deltaLink", root + "/users/delta?$deltatoken=" + stream_token(position));
    } else {
        body.set("@odata.nextLink", root + "/users/delta?$skiptoken=" + stream_token(position));
    }
    exchange.json(200, body);
}

void GraphSimulator::change(Exchange& exchange) {
    if (const auto answer = m_stream.change(exchange)) {
        log_event("graph", "changes: " + *answer);
        exchange.json_text(200, *answer);
    } else {
        graph_error(exchange, 400, "BadRequest",
                    "updated (at most --records) and added are counts");
    }
}

}  // namespace sandbox
