// Encodings plugins share: RFC 3986 percent-encoding, form bodies, URL joining.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace apirunner {

// Encodes everything but the unreserved characters (ALPHA DIGIT - . _ ~), as OAuth and
// application/x-www-form-urlencoded bodies need: a '+' becomes %2B, a space %20.
std::string percent_encode(const std::string& text);

// name=value&name=value, both sides percent-encoded.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

// base + path with exactly one '/' between them: ("https://a/x/", "/token") -> "https://a/x/token".
std::string url_join(const std::string& base, const std::string& path);

// The URL with name=value added to its query, both percent-encoded.
std::string add_query_param(const std::string& url, const std::string& name,
                            const std::string& value);

// Standard base64, no line breaks.
std::string base64(const std::string& bytes);

}  // namespace apirunner
