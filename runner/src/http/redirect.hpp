// Where a redirect may take a request, decided without I/O so that every case has a unit test.
// A session's credentials are meant for the origin (scheme, host and port) it was asked for: on
// any other origin a request keeps only headers that carry none (Accept, User-Agent...), so no
// Authorization, API key, subscription key or cookie follows it; a body is never re-sent there
// (a 307/308 of a token request would hand over the password and the client secret); and other
// origins are refused altogether unless the client allows them. https never redirects to http.
#pragma once

#include <apirunner/http.hpp>

#include <Poco/URI.h>

#include <string>

namespace apirunner {

struct RedirectRules {
    std::string first_origin;          // origin_of() the URL the request was made for
    bool allow_other_origins = false;  // follow to another origin (without credentials)
};

struct Redirect {
    HttpRequest request;  // the next hop: its method, headers and body
    Poco::URI uri;
};

bool is_redirect(int status);  // 301, 302, 303, 307 or 308

// The hop after `status` with `location` for `request`, sent to `from`. Throws Error(bad_data)
// saying why when the redirect is refused.
Redirect follow_redirect(const HttpRequest& request, const Poco::URI& from, int status,
                         const std::string& location, const RedirectRules& rules);

}  // namespace apirunner
