// A URL's origin (RFC 6454): scheme, host and port, and a reference resolved against a URL.
// Credentials stay with the provider's origin: a next-page URL, a URL kept as a bookmark or a
// redirect to another origin gets none of them.
#pragma once

#include <Poco/URI.h>

#include <string>

namespace apirunner {

// "https://api.example.com:443": the host in lower case, the port the scheme's default if unset.
std::string origin_of(const Poco::URI& uri);

// `reference` (a Location, a next-page link) resolved against `base` as RFC 3986 section 5.2
// says, "//host/path" included, which Poco 1.11 takes for a path. Throws Poco::SyntaxException.
Poco::URI resolve_reference(const Poco::URI& base, const std::string& reference);

}  // namespace apirunner
