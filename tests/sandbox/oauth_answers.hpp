// What every simulated OAuth2 provider answers the same way: token responses and the bearer
// check on API calls. Each simulator adds its own quirks around these.
#pragma once

#include "exchange.hpp"
#include "token_registry.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace sandbox {

struct IssuedTokens {
    std::string access_token;
    std::string refresh_token;  // "" for none
};

// Answers 200 with an RFC 6749 §5.1 token response.
void answer_tokens(Exchange& exchange, const IssuedTokens& tokens, std::chrono::seconds ttl,
                   const std::string& token_type, const std::string& scope);

// The subject of the request's live Bearer token, or nothing after answering 401 with a
// WWW-Authenticate header and `body`.
std::optional<std::string> require_bearer(Exchange& exchange, TokenRegistry& tokens,
                                          const std::string& provider, const std::string& body);

}  // namespace sandbox
