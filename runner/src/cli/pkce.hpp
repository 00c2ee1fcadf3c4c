// RFC 7636 PKCE and the OAuth state parameter: random secrets for one authorization request.
#pragma once

#include <string>

namespace apirunner {

struct Pkce {
    std::string verifier;   // 64 characters of [A-Za-z0-9-._~]
    std::string challenge;  // BASE64URL(SHA256(verifier)), no padding (S256)
};

Pkce make_pkce();
std::string s256_challenge(const std::string& verifier);
// 32 random hex digits, to tie the redirect to this request (RFC 6749 §10.12).
std::string make_state();

}  // namespace apirunner
