#include "extract/page_request.hpp"

#include "http/origin.hpp"

#include <apirunner/error.hpp>

#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <algorithm>
#include <sstream>

namespace apirunner {

PageRequests::PageRequests(std::string base_url, const JobSpec& job, PageParams fixed)
    : m_base_url(std::move(base_url)),
      m_request(job.request),
      m_path(job.request.path),
      m_inject(inject_of(job.paging)),
      m_fixed(std::move(fixed)),
      m_names_content_type(std::any_of(
          job.request.headers.begin(), job.request.headers.end(),
          [](const auto& header) { return Poco::icompare(header.first, "Content-Type") == 0; })) {
    const bool body_takes_values =
        m_inject == Inject::body || std::any_of(m_fixed.begin(), m_fixed.end(), [&](const auto& p) {
            return where(p) == Inject::body;
        });
    if (body_takes_values) {
        Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));  // the job's key order kept
        m_body = m_request.body ? parser.parse(*m_request.body).extract<Poco::JSON::Object::Ptr>()
                                : new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    }
}

std::string PageRequests::url(const std::string& path, const PageParams& params) const {
    Poco::URI uri(m_base_url + path);
    for (const auto& [name, value] : m_request.params) {
        uri.addQueryParameter(name, value);
    }
    for (const auto& param : params) {
        if (where(param) == Inject::query) {
            uri.addQueryParameter(param.name, param.value);
        }
    }
    return uri.toString();
}

// The job's body with `params` set at its top level (a copy: the members below are shared).
std::string PageRequests::body(const PageParams& params) const {
    Poco::JSON::Object object(*m_body);
    for (const auto& param : params) {
        if (where(param) != Inject::body) {
            continue;
        }
        Poco::Int64 number = 0;
        if (param.number && Poco::NumberParser::tryParse64(param.value, number)) {
            object.set(param.name, number);
        } else {
            object.set(param.name, param.value);
        }
    }
    std::ostringstream text;
    object.stringify(text);
    return text.str();
}

// A URL the provider gave, on this run or (a token bookmark) on an earlier one: never one on
// another origin than the provider's, which would receive the session's credentials.
const std::string& PageRequests::provider_url(const std::string& url) const {
    std::string where;
    try {
        where = origin_of(Poco::URI(url));
    } catch (const Poco::SyntaxException&) {
        where = "not a URL";
    }
    const std::string provider = origin_of(Poco::URI(m_base_url));
    if (std::any_of(url.begin(), url.end(),
                    [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; })) {
        throw Error(ErrorKind::bad_data,
                    "a URL to fetch holds a space or a control character: refused, it would "
                    "split the request");
    }
    if (where != provider) {
        throw Error(ErrorKind::bad_data,
                    "a URL to fetch is on " + where + ", not on the provider's origin " + provider +
                        "; refused so that credentials stay with the provider");
    }
    return url;
}

HttpRequest PageRequests::make(const PageRequest& paging) const {
    PageParams params = paging.params;
    params.insert(params.end(), m_fixed.begin(), m_fixed.end());
    const std::string path = m_path.fill(params);
    HttpRequest request;
    request.method = m_request.method;
    request.url = paging.url ? provider_url(*paging.url) : url(path, params);
    request.set_header("Accept", "application/json");
    for (const auto& [name, value] : m_request.headers) {
        request.set_header(name, value);
    }
    for (const auto& param : params) {
        if (where(param) == Inject::header) {
            // A cursor is the provider's text: one with a line break would add headers.
            if (param.value.find_first_of(std::string("\r\n\0", 3)) != std::string::npos) {
                throw Error(ErrorKind::bad_data, "the provider's " + param.name +
                                                     " holds a line break, which cannot go in a "
                                                     "header (paging.inject: header)");
            }
            request.set_header(param.name, param.value);
        }
    }
    if (m_body || m_request.body) {
        request.body = m_body ? body(params) : *m_request.body;
        if (!m_names_content_type) {
            request.set_header("Content-Type", "application/json");
        }
    }
    return request;
}

}  // namespace apirunner
