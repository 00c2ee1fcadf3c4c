#include "google_simulator.hpp"

#include "../oauth_answers.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>

#include <cstdio>

namespace sandbox {
namespace {

// Google's error shape: {"error":{"code","message","errors":[{"domain","reason","message"}]}}.
void google_error(Exchange& exchange, int status, const std::string& domain,
                  const std::string& reason, const std::string& message) {
    Poco::JSON::Object::Ptr detail = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    detail->set("message", message);
    detail->set("domain", domain);
    detail->set("reason", reason);
    Poco::JSON::Array::Ptr errors = new Poco::JSON::Array;
    errors->add(detail);
    Poco::JSON::Object::Ptr error = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    error->set("code", status);
    error->set("message", message);
    error->set("errors", errors);
    Poco::JSON::Object body;
    body.set("error", error);
    exchange.json(status, body);
}

Poco::JSON::Object::Ptr file(std::int64_t index) {
    Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    item->set("kind", "drive#file");
    item->set("id", "1Gx" + std::to_string(100000 + index) + "sAnDbOx");
    item->set("name", "Report " + std::to_string(index + 1) + ".pdf");
    item->set("mimeType", "application/pdf");
    return item;
}

// An opaque token holding where the next page starts and how many pages came before it.
struct PagePlace {
    std::int64_t position = 0;
    std::int64_t page = 0;
};

std::string token_of(const PagePlace& place) {
    char text[64];
    std::snprintf(text, sizeof text, "~!!~AI9FV7T%llxq%llx",
                  static_cast<unsigned long long>(place.position ^ 0x5f3759),
                  static_cast<unsigned long long>(place.page));
    return text;
}

std::optional<PagePlace> place_of(const std::string& token) {
    unsigned long long position = 0;
    unsigned long long page = 0;
    char end = 0;
    if (std::sscanf(token.c_str(), "~!!~AI9FV7T%llxq%llx%c", &position, &page, &end) != 2) {
        return std::nullopt;
    }
    return PagePlace{static_cast<std::int64_t>(position ^ 0x5f3759),
                     static_cast<std::int64_t>(page)};
}

}  // namespace

void GoogleSimulator::handle(const std::string&, Exchange& exchange) {
    if (exchange.path() == "/oauth2/token" && exchange.method() == "POST") {
        token(exchange);
    } else if (exchange.path() == "/oauth2/revoke" && exchange.method() == "POST") {
        revoke(exchange);
    } else if (exchange.path() == "/drive/v3/files" && exchange.method() == "GET") {
        files(exchange);
    } else {
        google_error(exchange, 404, "global", "notFound", "Not Found");
    }
}

void GoogleSimulator::token(Exchange& exchange) {
    if (exchange.field("client_id") != k_client_id ||
        exchange.field("client_secret") != k_client_secret) {
        log_event("google", "token request refused: invalid_client");
        exchange.oauth_error(401, "invalid_client", "The OAuth client was not found.");
        return;
    }
    if (exchange.field("grant_type") != "refresh_token") {
        exchange.oauth_error(400, "unsupported_grant_type",
                             "Invalid grant_type: " + exchange.field("grant_type"));
        return;
    }
    if (exchange.field("refresh_token") != k_refresh_token || m_revoked) {
        log_event("google", "refresh refused: invalid_grant");
        exchange.oauth_error(400, "invalid_grant", "Token has been expired or revoked.");
        return;
    }
    log_event("google", "refresh (no new refresh token in the answer)");
    answer_tokens(exchange, {m_access_tokens.issue("ya29.a0", m_options.token_ttl, "user"), ""},
                  m_options.token_ttl, "Bearer", k_scope);
}

void GoogleSimulator::revoke(Exchange& exchange) {
    const std::string token =
        exchange.query("token").empty() ? exchange.field("token") : exchange.query("token");
    if (token != k_refresh_token && !m_access_tokens.check(token)) {
        exchange.oauth_error(400, "invalid_token", "Token expired or revoked");
        return;
    }
    m_revoked = true;
    log_event("google", "grant revoked");
    exchange.json_text(200, "{}");
}

void GoogleSimulator::files(Exchange& exchange) {
    if (m_revoked || !m_access_tokens.check(exchange.bearer())) {
        log_event("google", "401: invalid credentials");
        exchange.header_out("WWW-Authenticate", R"(Bearer realm="https://accounts.google.com/")");
        google_error(exchange, 401, "global", "authError", "Invalid Credentials");
        return;
    }
    if (!m_window.admit(10)) {
        log_event("google", "403: userRateLimitExceeded");
        google_error(exchange, 403, "usageLimits", "userRateLimitExceeded",
                     "User Rate Limit Exceeded");
        return;
    }
    Poco::Int64 page_size = 100;
    const std::string size_text = exchange.query("pageSize", "100");
    if (!Poco::NumberParser::tryParse64(size_text, page_size) || page_size < 1 ||
        page_size > 1000) {
        google_error(
            exchange, 400, "global", "invalid",
            "Invalid value '" + size_text + "'. Values must be within the range: [1, 1000]");
        return;
    }
    PagePlace place;
    if (!exchange.query("pageToken").empty()) {
        const auto found = place_of(exchange.query("pageToken"));
        if (!found) {
            google_error(exchange, 400, "global", "invalid", "Invalid Value");
            return;
        }
        place = *found;
    }
    const Dataset::View view = m_dataset.next_page();
    const std::int64_t served = place.page % 5 == 4                     ? 0
                                : place.page % 5 == 0 && place.page > 0 ? page_size / 2
                                                                        : page_size;
    const std::int64_t end = std::min(view.total, place.position + served);
    log_event("google", "files " + std::to_string(place.position) + ".." + std::to_string(end));
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (std::int64_t position = place.position; position < end; ++position) {
        list->add(file(view.index_at(position)));
    }
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("kind", "drive#fileList");
    if (end < view.total) {
        body.set("nextPageToken", token_of({end, place.page + 1}));
    }
    body.set("incompleteSearch", false);
    body.set("files", list);
    exchange.json(200, body);
}

}  // namespace sandbox
