#include "mediahound_simulator.hpp"

#include "oauth_answers.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>
#include <Poco/StringTokenizer.h>

#include <algorithm>
#include <set>

namespace sandbox {
namespace {

const std::set<std::string> k_scopes = {"public_profile", "user_likes", "user_follows"};

// The scope as the server reads it: space-separated after form decoding. A '+' that arrives
// encoded (%2B) is not a delimiter, so "public_profile+user_likes" is one unknown scope.
bool scopes_known(const std::string& scope) {
    Poco::StringTokenizer names(scope, " ", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    return std::all_of(names.begin(), names.end(),
                       [](const std::string& name) { return k_scopes.count(name) != 0; });
}

Poco::JSON::Object::Ptr movie(std::int64_t index) {
    static const char* const k_genres[] = {"Drama", "Comedy", "Documentary", "Thriller"};
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    record->set("mhid", "mhmov" + std::to_string(500000 + index));
    record->set("name", "Movie " + std::to_string(index + 1));
    record->set("genre", k_genres[index % 4]);
    record->set("releaseYear", static_cast<int>(1950 + index % 75));
    return record;
}

}  // namespace

MediaHoundSimulator::MediaHoundSimulator(const SandboxOptions& options) : m_options(options) {}

void MediaHoundSimulator::handle(const std::string&, Exchange& exchange) {
    if (exchange.path() == "/1.3/security/oauth/token" && exchange.method() == "POST") {
        token(exchange);
    } else if (exchange.path() == "/1.3/media/movies" && exchange.method() == "GET") {
        movies(exchange);
    } else {
        exchange.json_text(404, R"({"error":"not_found"})");
    }
}

void MediaHoundSimulator::token(Exchange& exchange) {
    auto client = exchange.basic();
    if (!client) {
        log_event("mediahound", "token request refused: no Basic authorization");
        exchange.oauth_error(401, "unauthorized",
                             "Full authentication is required to access this resource");
        return;
    }
    const bool approved = client->first == k_client_id && client->second == k_client_secret;
    const bool unapproved =
        client->first == k_unapproved_id && client->second == k_unapproved_secret;
    const bool body_mismatch =
        exchange.has_field("client_id") && exchange.field("client_id") != client->first;
    if ((!approved && !unapproved) || body_mismatch) {
        log_event("mediahound", "token request refused: bad client credentials");
        exchange.oauth_error(401, "invalid_client", "Bad client credentials");
        return;
    }
    const std::string grant = exchange.field("grant_type");
    if (grant == "password") {
        if (unapproved) {
            log_event("mediahound", "login refused: client not approved for the password grant");
            exchange.oauth_error(401, "invalid_client", "Unauthorized grant type: password");
            return;
        }
        if (!scopes_known(exchange.field("scope"))) {
            log_event("mediahound",
                      "login refused: invalid scope '" + exchange.field("scope") + "'");
            exchange.oauth_error(400, "invalid_scope", "Invalid scope: " + exchange.field("scope"));
            return;
        }
        if (exchange.field("username") != k_username || exchange.field("password") != k_password) {
            log_event("mediahound", "login refused: bad credentials");
            exchange.oauth_error(400, "invalid_grant", "Bad credentials");
            return;
        }
        log_event("mediahound", "login (password grant)");
        answer_tokens(exchange,
                      {m_access_tokens.issue("mh-at", m_options.token_ttl, k_username),
                       m_refresh_tokens.issue("mh-rt", m_options.refresh_ttl, k_username)},
                      m_options.token_ttl, "bearer", exchange.field("scope"));
    } else if (grant == "refresh_token") {
        const std::string refresh = exchange.field("refresh_token");
        auto subject = m_refresh_tokens.check(refresh);
        if (!subject) {
            log_event("mediahound", "refresh refused: invalid refresh token");
            exchange.oauth_error(400, "invalid_grant", "Invalid refresh token");
            return;
        }
        log_event("mediahound", "refresh");
        // The same refresh token comes back: it can be used again each time the token expires.
        answer_tokens(exchange,
                      {m_access_tokens.issue("mh-at", m_options.token_ttl, *subject), refresh},
                      m_options.token_ttl, "bearer", "public_profile user_likes");
    } else {
        exchange.oauth_error(400, "unsupported_grant_type", "Unsupported grant type: " + grant);
    }
}

// Cursor paging: "next" is an opaque cursor (here: the next index, encoded), null at the end.
void MediaHoundSimulator::movies(Exchange& exchange) {
    if (!require_bearer(
            exchange, m_access_tokens, "mediahound",
            R"({"error":"invalid_token","error_description":"Invalid access token"})")) {
        return;
    }
    Poco::Int64 size = 50;
    Poco::NumberParser::tryParse64(exchange.query("pageSize", "50"), size);
    size = std::clamp<Poco::Int64>(size, 1, 500);
    Poco::Int64 start = 0;
    const std::string cursor = exchange.query("next");
    if (!cursor.empty() && (cursor.rfind("cur-", 0) != 0 ||
                            !Poco::NumberParser::tryParse64(cursor.substr(4), start))) {
        exchange.json_text(400,
                           R"({"error":"invalid_request","error_description":"Unknown cursor"})");
        return;
    }
    const Dataset::View view = m_dataset.next_page();
    Poco::JSON::Array::Ptr content = new Poco::JSON::Array;
    const std::int64_t end = std::min<std::int64_t>(view.total, start + size);
    for (std::int64_t i = start; i < end; ++i) {
        content->add(movie(view.index_at(i)));
    }
    Poco::JSON::Object::Ptr pagination = new Poco::JSON::Object;
    pagination->set("next", end < view.total ? Poco::Dynamic::Var("cur-" + std::to_string(end))
                                             : Poco::Dynamic::Var());
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("content", content);
    body.set("pagination", pagination);
    exchange.json(200, body);
}

}  // namespace sandbox
