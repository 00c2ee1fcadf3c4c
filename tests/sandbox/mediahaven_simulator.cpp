#include "mediahaven_simulator.hpp"

#include "oauth_answers.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>

#include <algorithm>

namespace sandbox {
namespace {

Poco::JSON::Object::Ptr record(std::int64_t index) {
    static const char* const k_types[] = {"Video", "Image", "Audio", "Document"};
    Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    item->set("RecordId", "mh-" + std::to_string(700000 + index));
    item->set("Title", "Record " + std::to_string(index + 1));
    item->set("Type", k_types[index % 4]);
    item->set("Archived", index % 3 == 0);
    return item;
}

}  // namespace

MediaHavenSimulator::MediaHavenSimulator(const SandboxOptions& options) : m_options(options) {}

void MediaHavenSimulator::handle(const std::string&, Exchange& exchange) {
    const std::string& path = exchange.path();
    const bool post = exchange.method() == "POST";
    if (path == "/auth/ropc.php" && post) {
        ropc(exchange);
    } else if (path == "/auth") {
        m_codes.authorize(exchange, "mediahaven", k_client_id,
                          [](const std::string& user, const std::string& password) {
                              return user == k_username && password == k_password;
                          });
    } else if (path == "/auth/oauth2/token" && post) {
        token(exchange);
    } else if (path == "/auth/introspect.php" && post) {
        introspect(exchange);
    } else if (path == "/mediahaven-rest-api/v2/records" && exchange.method() == "GET") {
        records(exchange);
    } else {
        exchange.json_text(404, R"({"error":"not_found"})");
    }
}

bool MediaHavenSimulator::client_ok(const std::string& id, const std::string& secret) const {
    return id == k_client_id && secret == k_client_secret;
}

void MediaHavenSimulator::issue_pair(Exchange& exchange, const std::string& subject) {
    IssuedTokens tokens{m_access_tokens.issue("mhv-at", m_options.token_ttl, subject),
                        m_refresh_tokens.issue("mhv-rt", m_options.refresh_ttl, subject)};
    {
        std::lock_guard<std::mutex> lock(m_pairs_mutex);
        m_access_of_refresh[tokens.refresh_token] = tokens.access_token;
    }
    answer_tokens(exchange, tokens, m_options.token_ttl, "bearer", "");
}

void MediaHavenSimulator::ropc(Exchange& exchange) {
    if (!client_ok(exchange.field("client_id"), exchange.field("client_secret"))) {
        log_event("mediahaven", "login refused: invalid_client");
        exchange.oauth_error(401, "invalid_client", "Client authentication failed");
        return;
    }
    if (exchange.field("username") != k_username || exchange.field("password") != k_password) {
        log_event("mediahaven", "login refused: invalid credentials");
        exchange.oauth_error(401, "invalid_grant", "Invalid username and password combination");
        return;
    }
    log_event("mediahaven", "login (password grant)");
    issue_pair(exchange, k_username);
}

void MediaHavenSimulator::token(Exchange& exchange) {
    if (!client_ok(exchange.field("client_id"), exchange.field("client_secret"))) {
        exchange.oauth_error(401, "invalid_client", "Client authentication failed");
        return;
    }
    if (exchange.field("grant_type") == "authorization_code") {
        auto grantee =
            m_codes.redeem(exchange.field("code"), exchange.field("client_id"),
                           exchange.field("redirect_uri"), exchange.field("code_verifier"));
        if (!grantee) {
            log_event("mediahaven", "code exchange refused");
            exchange.oauth_error(400, "invalid_grant",
                                 "The authorization code is invalid or was used");
            return;
        }
        log_event("mediahaven", "login (authorization code)");
        issue_pair(exchange, grantee->subject);
        return;
    }
    if (exchange.field("grant_type") != "refresh_token") {
        exchange.oauth_error(400, "unsupported_grant_type", "Only refresh_token is served here");
        return;
    }
    const std::string refresh = exchange.field("refresh_token");
    auto subject = m_refresh_tokens.check(refresh);
    if (!subject) {
        // "If the response returns a 401 Unauthorized ... start the flow back from the beginning."
        log_event("mediahaven", "refresh refused: refresh token expired or already used");
        exchange.oauth_error(401, "invalid_grant", "Refresh token is invalid or has expired");
        return;
    }
    // Rotation: the old refresh token and its access token die now.
    m_refresh_tokens.revoke(refresh);
    {
        std::lock_guard<std::mutex> lock(m_pairs_mutex);
        auto old = m_access_of_refresh.find(refresh);
        if (old != m_access_of_refresh.end()) {
            m_access_tokens.revoke(old->second);
            m_access_of_refresh.erase(old);
        }
    }
    log_event("mediahaven", "refresh (rotated)");
    issue_pair(exchange, *subject);
}

void MediaHavenSimulator::introspect(Exchange& exchange) {
    auto client = exchange.basic();
    if (!client || !client_ok(client->first, client->second)) {
        exchange.oauth_error(401, "invalid_client", "Basic authentication required");
        return;
    }
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    auto subject = m_access_tokens.check(exchange.field("token"));
    body.set("active", subject.has_value());
    if (subject) {
        body.set("client_id", k_client_id);
        body.set("username", *subject);
        body.set("token_type", "bearer");
    }
    log_event("mediahaven", "introspection");
    exchange.json(200, body);
}

void MediaHavenSimulator::records(Exchange& exchange) {
    if (!require_bearer(exchange, m_access_tokens, "mediahaven",
                        R"({"status":401,"message":"Unauthorized"})")) {
        return;
    }
    Poco::Int64 size = 25;
    Poco::Int64 page = 1;
    Poco::NumberParser::tryParse64(exchange.query("nrOfResults", "25"), size);
    Poco::NumberParser::tryParse64(exchange.query("page", "1"), page);
    size = std::clamp<Poco::Int64>(size, 1, 1000);
    page = std::max<Poco::Int64>(1, page);
    const std::int64_t start = (page - 1) * size;
    const Dataset::View view = m_dataset.next_page();
    Poco::JSON::Array::Ptr results = new Poco::JSON::Array;
    for (std::int64_t i = start; i < std::min<std::int64_t>(view.total, start + size); ++i) {
        results->add(record(view.index_at(i)));
    }
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("TotalNrOfResults", view.total);
    body.set("StartIndex", start);
    body.set("NrOfResults", static_cast<Poco::Int64>(results->size()));
    body.set("Results", results);
    exchange.json(200, body);
}

}  // namespace sandbox
