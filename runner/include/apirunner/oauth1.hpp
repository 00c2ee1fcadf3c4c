// OAuth 1.0a request signing (RFC 5849 §3). Poco's OAuth10Credentials collapses duplicate
// parameter names, cannot sign the query unless it is passed as a form, cannot carry
// oauth_verifier and always adds oauth_version; this signer does none of that.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace apirunner::oauth1 {

using Params = std::vector<std::pair<std::string, std::string>>;

enum class SignatureMethod { hmac_sha1, hmac_sha256, plaintext };

// §3.4.1.2: lower-case scheme and host, default port dropped, no query or fragment.
// Throws Error(config) for a URL that cannot be parsed.
std::string base_string_uri(const std::string& url);

// §3.4.1.3.2: every name and value percent-encoded, sorted by name then value, joined with '&'.
// Duplicate names are kept.
std::string normalize_parameters(Params params);

// §3.4.1.1: METHOD&encoded-base-string-URI&encoded-normalized-parameters. `params` are the
// oauth_* protocol parameters and any form-body parameters; the URL's query is added here.
std::string signature_base_string(const std::string& http_method, const std::string& url,
                                  const Params& params);

// §3.4.2-3.4.4: the base64 HMAC, or the PLAINTEXT key.
std::string signature(SignatureMethod method, const std::string& base_string,
                      const std::string& consumer_secret, const std::string& token_secret);

struct Credentials {
    std::string consumer_key;
    std::string consumer_secret;
    std::string token;         // "" before there is one (the request-token step)
    std::string token_secret;  // ""  likewise
};

// What one signed request needs besides the credentials.
struct SigningInput {
    std::string http_method;
    std::string url;
    Params body_params;  // decoded form fields, when the body is x-www-form-urlencoded
    Params extra_oauth;  // oauth_callback, oauth_verifier, ...
    std::string nonce;
    std::int64_t timestamp = 0;
    SignatureMethod method = SignatureMethod::hmac_sha1;
    bool include_version = true;  // oauth_version=1.0 is optional (§3.1)
    std::string realm;            // "" for none; never signed (§3.4.1.3.1)
};

// The value of the Authorization header: OAuth realm="...", oauth_consumer_key="...", ...
std::string authorization_header(const Credentials& credentials, const SigningInput& input);

// The protocol parameters as signed, oauth_signature included (for tests and diagnostics).
Params signed_parameters(const Credentials& credentials, const SigningInput& input);

// Decodes an x-www-form-urlencoded body ("a=1&b=x%20y"; '+' is a space).
Params parse_form(const std::string& body);

}  // namespace apirunner::oauth1
