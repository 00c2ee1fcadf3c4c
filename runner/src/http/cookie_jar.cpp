#include "http/cookie_jar.hpp"

#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/String.h>

#include <algorithm>

namespace apirunner {
namespace {

// Parses one Set-Cookie value the way Poco's HTTPResponse::getCookies does.
Poco::Net::HTTPCookie parse_set_cookie(const std::string& value) {
    Poco::Net::NameValueCollection attributes;
    Poco::Net::MessageHeader::splitParameters(value.begin(), value.end(), attributes);
    return Poco::Net::HTTPCookie(attributes);
}

std::string default_path(const Poco::URI& origin) {
    const std::string& path = origin.getPath();
    const auto slash = path.rfind('/');
    return (slash == std::string::npos || slash == 0) ? "/" : path.substr(0, slash);
}

}  // namespace

void CookieJar::store(const Poco::URI& origin, const std::vector<std::string>& set_cookie_values) {
    for (const auto& raw : set_cookie_values) {
        Poco::Net::HTTPCookie parsed = parse_set_cookie(raw);
        if (parsed.getName().empty()) {
            continue;
        }
        Cookie cookie;
        cookie.name = parsed.getName();
        cookie.value = parsed.getValue();
        cookie.host_only = parsed.getDomain().empty();
        cookie.domain = Poco::toLower(cookie.host_only ? origin.getHost() : parsed.getDomain());
        if (!cookie.domain.empty() && cookie.domain.front() == '.') {
            cookie.domain.erase(0, 1);
        }
        cookie.path = parsed.getPath().empty() ? default_path(origin) : parsed.getPath();
        cookie.secure = parsed.getSecure();
        auto held = std::find_if(m_cookies.begin(), m_cookies.end(), [&](const Cookie& c) {
            return c.name == cookie.name && c.domain == cookie.domain && c.path == cookie.path;
        });
        if (parsed.getMaxAge() == 0) {
            if (held != m_cookies.end()) {
                m_cookies.erase(held);
            }
        } else if (held != m_cookies.end()) {
            *held = std::move(cookie);  // RFC 6265 5.3: a replaced cookie keeps its place
        } else {
            m_cookies.push_back(std::move(cookie));
        }
    }
}

bool CookieJar::matches(const Cookie& cookie, const Poco::URI& target) const {
    const std::string host = Poco::toLower(target.getHost());
    const bool domain_ok =
        host == cookie.domain ||
        (!cookie.host_only && host.size() > cookie.domain.size() &&
         host.compare(host.size() - cookie.domain.size(), std::string::npos, cookie.domain) == 0 &&
         host[host.size() - cookie.domain.size() - 1] == '.');
    const std::string path = target.getPath().empty() ? "/" : target.getPath();
    const bool path_ok = path.compare(0, cookie.path.size(), cookie.path) == 0 &&
                         (path.size() == cookie.path.size() || cookie.path.back() == '/' ||
                          path[cookie.path.size()] == '/');
    return domain_ok && path_ok && (!cookie.secure || target.getScheme() == "https");
}

std::string CookieJar::header_for(const Poco::URI& target,
                                  const std::string& existing_cookie_header) const {
    Poco::Net::NameValueCollection existing;
    Poco::Net::MessageHeader::splitParameters(existing_cookie_header.begin(),
                                              existing_cookie_header.end(), existing);
    std::string header = existing_cookie_header;
    for (const auto& cookie : m_cookies) {
        if (matches(cookie, target) && !existing.has(cookie.name)) {
            header += (header.empty() ? "" : "; ") + cookie.name + "=" + cookie.value;
        }
    }
    return header;
}

std::optional<std::string> CookieJar::value(const Poco::URI& target,
                                            const std::string& name) const {
    for (const auto& cookie : m_cookies) {
        if (cookie.name == name && matches(cookie, target)) {
            return cookie.value;
        }
    }
    return std::nullopt;
}

}  // namespace apirunner
