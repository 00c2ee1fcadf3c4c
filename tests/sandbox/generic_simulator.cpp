#include "generic_simulator.hpp"

#include "oauth_answers.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>

#include <algorithm>
#include <ctime>

namespace sandbox {

GenericSimulator::GenericSimulator(const SandboxOptions& options)
    : m_options(options), m_first_event(std::time(nullptr) - k_events_apart_s * options.records) {}

void GenericSimulator::handle(const std::string&, Exchange& exchange) {
    if (exchange.path() == "/oauth/token" && exchange.method() == "POST") {
        token(exchange);
    } else if (exchange.path() == "/v1/items" && exchange.method() == "GET") {
        items(exchange, exchange.query("page", "1"));
    } else if (exchange.path() == "/v1/events" && exchange.method() == "GET") {
        events(exchange, false);
    } else if (exchange.path() == "/v1/events/recent" && exchange.method() == "GET") {
        events(exchange, true);
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

namespace {

// A YYYY-MM-DD date as the epoch second of its UTC midnight.
std::optional<std::int64_t> day_of(const std::string& text) {
    Poco::DateTime day;
    int zone = 0;
    if (text.size() != 10 || !Poco::DateTimeParser::tryParse("%Y-%m-%d", text, day, zone)) {
        return std::nullopt;
    }
    return day.timestamp().epochTime();
}

}  // namespace

void GenericSimulator::events(Exchange& exchange, bool newest_first) {
    if (authentication(exchange).empty()) {
        exchange.json_text(401, R"({"error":"unauthorized"})");
        return;
    }
    std::int64_t from = m_first_event;
    std::int64_t to = m_first_event + k_events_apart_s * m_options.records;
    if (!newest_first) {
        const auto start = day_of(exchange.query("start_date"));
        const auto end = day_of(exchange.query("end_date"));
        if (!start || !end || *end <= *start || *end - *start > 7 * 86400) {
            log_event("generic", "events: 400, range " + exchange.query("start_date") + ".." +
                                     exchange.query("end_date"));
            exchange.json_text(400, R"({"error":"start_date and end_date (YYYY-MM-DD) are )"
                                    R"(required, at most 7 days apart"})");
            return;
        }
        from = *start;
        to = *end;
    }
    Poco::Int64 page = 1;
    Poco::Int64 per_page = 50;
    Poco::NumberParser::tryParse64(exchange.query("page", "1"), page);
    Poco::NumberParser::tryParse64(exchange.query("per_page", "50"), per_page);
    page = std::max<Poco::Int64>(1, page);
    per_page = std::clamp<Poco::Int64>(per_page, 1, 500);
    // The events of [from, to), oldest first: event i happened at m_first_event + i hours.
    const std::int64_t first = std::clamp<std::int64_t>(
        (from - m_first_event + k_events_apart_s - 1) / k_events_apart_s, 0, m_options.records);
    const std::int64_t last = std::clamp<std::int64_t>(
        (to - m_first_event + k_events_apart_s - 1) / k_events_apart_s, 0, m_options.records);
    const std::int64_t total = std::max<std::int64_t>(0, last - first);
    log_event("generic", "events page " + std::to_string(page) + " of " +
                             exchange.query("start_date", "recent"));
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (std::int64_t k = (page - 1) * per_page; k < std::min(total, page * per_page); ++k) {
        const std::int64_t index = newest_first ? last - 1 - k : first + k;
        Poco::JSON::Object::Ptr event = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        event->set("id", 1 + index);
        event->set("occurred_at",
                   Poco::DateTimeFormatter::format(
                       Poco::Timestamp::fromEpochTime(m_first_event + k_events_apart_s * index),
                       Poco::DateTimeFormat::ISO8601_FORMAT));
        list->add(event);
    }
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("events", list);
    body.set("total", total);
    exchange.json(200, body);
}

}  // namespace sandbox
