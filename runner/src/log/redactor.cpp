#include "log/redactor.hpp"

#include <apirunner/encoding.hpp>

#include <regex>

namespace apirunner {
namespace {

// Names whose values are secret wherever they appear: query strings, form bodies, cookies, JSON.
constexpr const char* k_secret_names =
    "password|client_secret|access_token|refresh_token|id_token|oauth_token|oauth_token_secret|"
    "oauth_verifier|oauth_signature|adama_session|openx3_access_token|api_key|apikey|token";
// `code` is an authorization code in a redirect's query or a token request's form; in a JSON
// body it is a provider's error code ("missing_version"), which the user needs to read. An
// authorization code the SDK exchanged is masked by its value wherever it appears.
constexpr const char* k_parameter_names = "code";

const std::regex& header_pattern() {
    static const std::regex pattern(
        R"re(((?:^|\n|\b)(?:Authorization|Proxy-Authorization|Cookie|Set-Cookie)\s*:\s*)[^\r\n]*)re",
        std::regex::icase);
    return pattern;
}

const std::regex& parameter_pattern() {
    static const std::regex pattern(std::string(R"re(((?:^|[?&;\s,])(?:)re") + k_secret_names +
                                        "|" + k_parameter_names + R"re()\s*=\s*)[^&;\s,"]*)re",
                                    std::regex::icase);
    return pattern;
}

const std::regex& json_pattern() {
    static const std::regex pattern(
        std::string(R"re(("(?:)re") + k_secret_names + R"re()"\s*:\s*")(?:[^"\\]|\\.)*")re",
        std::regex::icase);
    return pattern;
}

}  // namespace

void Redactor::add_secret(const std::string& value) {
    if (value.size() < 4) {
        return;
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    m_secrets.insert(value);
    m_secrets.insert(percent_encode(value));
}

std::string Redactor::redact(const std::string& text) const {
    std::string result = std::regex_replace(text, header_pattern(), std::string("$1") + k_mask);
    result = std::regex_replace(result, parameter_pattern(), std::string("$1") + k_mask);
    result = std::regex_replace(result, json_pattern(), std::string("$1") + k_mask + "\"");
    std::lock_guard<std::mutex> lock(m_mutex);
    for (const auto& secret : m_secrets) {
        for (auto at = result.find(secret); at != std::string::npos;
             at = result.find(secret, at + 3)) {
            result.replace(at, secret.size(), k_mask);
        }
    }
    return result;
}

bool names_a_secret(const std::string& header_name) {
    // Whole words of the name (X-Api-Key: "x", "api", "key"), so X-Auth-Scope's value is not
    // taken for a secret and masked wherever it appears.
    static const std::regex secret_word(
        "(^|[-_])(authorization|key|apikey|token|secret|password|passwd|cookie|session|"
        "signature|credentials?)($|[-_])",
        std::regex::icase);
    return std::regex_search(header_name, secret_word);
}

Redactor& redactor() {
    static Redactor instance;
    return instance;
}

}  // namespace apirunner
