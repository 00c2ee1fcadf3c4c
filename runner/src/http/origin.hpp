// A URL's origin (RFC 6454): scheme, host and port. Credentials stay with the provider's origin:
// a next-page URL, a URL kept as a bookmark or a redirect to another origin gets none of them.
#pragma once

#include <Poco/URI.h>

#include <string>

namespace apirunner {

// "https://api.example.com:443": the host in lower case, the port the scheme's default if unset.
std::string origin_of(const Poco::URI& uri);

}  // namespace apirunner
