#include "http/redirect.hpp"

#include "http/origin.hpp"

#include <apirunner/error.hpp>

#include <Poco/Exception.h>
#include <Poco/String.h>

#include <algorithm>

namespace apirunner {
namespace {

// Headers a request may keep on another origin: none of them can carry a credential.
bool harmless(const std::string& name) {
    for (const char* safe : {"Accept", "Accept-Encoding", "Accept-Language", "User-Agent"}) {
        if (Poco::icompare(name, safe) == 0) {
            return true;
        }
    }
    return false;
}

void drop_headers(HttpRequest& request, bool (*keep)(const std::string&)) {
    request.headers.erase(
        std::remove_if(request.headers.begin(), request.headers.end(),
                       [keep](const auto& header) { return !keep(header.first); }),
        request.headers.end());
}

}  // namespace

bool is_redirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

Redirect follow_redirect(const HttpRequest& request, const Poco::URI& from, int status,
                         const std::string& location, const RedirectRules& rules) {
    Redirect next{request, Poco::URI()};
    try {
        next.uri = resolve_reference(from, location);
    } catch (const Poco::SyntaxException&) {
        throw Error(ErrorKind::bad_data, "refused a redirect to something that is not a URL");
    }
    if (from.getScheme() == "https" && next.uri.getScheme() != "https") {
        throw Error(ErrorKind::bad_data, "refused a redirect from https to http");
    }
    const bool becomes_get =
        status == 303 || ((status == 301 || status == 302) && request.method == "POST");
    if (becomes_get) {
        next.request.method = "GET";
        next.request.body.clear();
        drop_headers(next.request, [](const std::string& name) {
            return Poco::icompare(name, "Content-Type") != 0;
        });
    }
    const std::string origin = origin_of(next.uri);
    if (origin != rules.first_origin) {
        if (!rules.allow_other_origins) {
            throw Error(ErrorKind::bad_data, "refused a redirect to another origin (" + origin +
                                                 "): credentials stay with " + rules.first_origin);
        }
        if (!next.request.body.empty()) {
            throw Error(ErrorKind::bad_data, "refused a " + std::to_string(status) +
                                                 " redirect to another origin (" + origin +
                                                 "): the request's body would go with it");
        }
        drop_headers(next.request, harmless);
    }
    next.request.url = next.uri.toString();
    return next;
}

}  // namespace apirunner
