// Out-of-line destructors (one vtable and typeinfo for every SDK interface, in this library) and
// the defaults of optional Session methods.
#include <apirunner/error.hpp>
#include <apirunner/host.hpp>
#include <apirunner/http.hpp>
#include <apirunner/session.hpp>

#include <Poco/String.h>

namespace apirunner {

HttpClient::~HttpClient() = default;
Logger::~Logger() = default;
Clock::~Clock() = default;
HostServices::~HostServices() = default;
TokenStore::~TokenStore() = default;
Session::~Session() = default;

std::vector<std::pair<std::string, std::string>> Session::inspect() { return {}; }

std::string Session::authorize_url(const std::string&, const std::string&, const std::string&) {
    throw Error(ErrorKind::config, "this provider has no authorization-code grant");
}

void Session::exchange_code(const std::string&, const std::string&, const std::string&) {
    throw Error(ErrorKind::config, "this provider has no authorization-code grant");
}

void HttpRequest::set_header(const std::string& name, const std::string& value) {
    for (auto& header : headers) {
        if (Poco::icompare(header.first, name) == 0) {
            header.second = value;
            return;
        }
    }
    headers.emplace_back(name, value);
}

std::optional<std::string> HttpResponse::header(const std::string& name) const {
    for (const auto& header : headers) {
        if (Poco::icompare(header.first, name) == 0) {
            return header.second;
        }
    }
    return std::nullopt;
}

}  // namespace apirunner
