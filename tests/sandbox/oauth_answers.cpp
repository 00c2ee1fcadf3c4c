#include "oauth_answers.hpp"

#include "provider_simulator.hpp"

namespace sandbox {

void answer_tokens(Exchange& exchange, const IssuedTokens& tokens, std::chrono::seconds ttl,
                   const std::string& token_type, const std::string& scope) {
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("access_token", tokens.access_token);
    if (!tokens.refresh_token.empty()) {
        body.set("refresh_token", tokens.refresh_token);
    }
    body.set("expires_in", static_cast<Poco::Int64>(ttl.count()));
    if (!scope.empty()) {
        body.set("scope", scope);
    }
    body.set("token_type", token_type);
    exchange.json(200, body);
}

std::optional<std::string> require_bearer(Exchange& exchange, TokenRegistry& tokens,
                                          const std::string& provider, const std::string& body) {
    if (auto subject = tokens.check(exchange.bearer())) {
        return subject;
    }
    log_event(provider, "401: no valid Bearer token");
    exchange.header_out("WWW-Authenticate", R"(Bearer error="invalid_token")");
    exchange.json_text(401, body);
    return std::nullopt;
}

}  // namespace sandbox
