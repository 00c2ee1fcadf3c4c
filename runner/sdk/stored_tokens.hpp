// How OAuth2Session writes its tokens into the host's token store: JSON with the tokens, their
// wall-clock expiry, and who they belong to, so that a changed config never reuses a session
// made for another client, user or token endpoint.
#pragma once

#include <apirunner/oauth2.hpp>

#include <optional>
#include <string>

namespace apirunner::oauth2 {

struct StoredTokens {
    Tokens tokens;
    std::int64_t expires_at_unix = 0;
    std::string owner;  // token URL, client id, grant and user: identifiers, never secrets
};

std::string serialize(const StoredTokens& stored);
// Nothing for text that is not a stored session (an older format, a damaged row).
std::optional<StoredTokens> deserialize(const std::string& text);

}  // namespace apirunner::oauth2
