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

}  // namespace apirunner
