#include "extract/page_request.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <apirunner/error.hpp>

#include <algorithm>

#include <sstream>

namespace apirunner {
namespace {

std::string page_url(const std::string& base_url, const RequestSpec& request,
                     const PageParams& query) {
    Poco::URI uri(base_url + request.path);
    for (const auto& [name, value] : request.params) {
        uri.addQueryParameter(name, value);
    }
    for (const auto& param : query) {
        uri.addQueryParameter(param.name, param.value);
    }
    return uri.toString();
}

// The job's body (validated JSON from the loader; `{}` when it has none) with `params` set at
// its top level.
std::string body_with(const std::optional<std::string>& body, const PageParams& params) {
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));  // the job's key order kept
    Poco::JSON::Object::Ptr object = body ? parser.parse(*body).extract<Poco::JSON::Object::Ptr>()
                                          : new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& param : params) {
        Poco::Int64 number = 0;
        if (param.number && Poco::NumberParser::tryParse64(param.value, number)) {
            object->set(param.name, number);
        } else {
            object->set(param.name, param.value);
        }
    }
    std::ostringstream text;
    object->stringify(text);
    return text.str();
}

bool has_header(const std::vector<std::pair<std::string, std::string>>& headers,
                const std::string& name) {
    return std::any_of(headers.begin(), headers.end(),
                       [&](const auto& header) { return Poco::icompare(header.first, name) == 0; });
}

}  // namespace

HttpRequest page_request(const std::string& base_url, const JobSpec& job,
                         const PageRequest& paging) {
    const Inject inject = inject_of(job.paging);
    const PageParams none;
    HttpRequest request;
    request.method = job.request.method;
    request.url = paging.url ? *paging.url
                             : page_url(base_url, job.request,
                                        inject == Inject::query ? paging.params : none);
    request.set_header("Accept", "application/json");
    for (const auto& [name, value] : job.request.headers) {
        request.set_header(name, value);
    }
    if (inject == Inject::header) {
        for (const auto& param : paging.params) {
            // A cursor is the provider's text: one with a line break would add headers.
            if (param.value.find_first_of(std::string("\r\n\0", 3)) != std::string::npos) {
                throw Error(ErrorKind::bad_data, "the provider's " + param.name +
                                                     " holds a line break, which cannot go in a "
                                                     "header (paging.inject: header)");
            }
            request.set_header(param.name, param.value);
        }
    }
    if (job.request.body || inject == Inject::body) {
        request.body =
            inject == Inject::body ? body_with(job.request.body, paging.params) : *job.request.body;
        if (!has_header(job.request.headers, "Content-Type")) {  // vnd.api+json, say
            request.set_header("Content-Type", "application/json");
        }
    }
    return request;
}

}  // namespace apirunner
