#include "exchange.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <sstream>

namespace sandbox {

Exchange::Exchange(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                   std::string path)
    : m_request(request),
      m_response(response),
      m_method(request.getMethod()),
      m_path(std::move(path)) {
    for (const auto& [name, value] : Poco::URI(request.getURI()).getQueryParameters()) {
        m_query[name] = value;
    }
    parse_body();
}

void Exchange::parse_body() {
    std::ostringstream text;
    text << m_request.stream().rdbuf();
    m_body = text.str();
    const std::string& body = m_body;
    const std::string type = Poco::toLower(m_request.getContentType());
    if (type.find("application/json") != std::string::npos) {
        m_body_is_json = true;
        try {
            Poco::JSON::Parser parser;
            auto object = parser.parse(body).extract<Poco::JSON::Object::Ptr>();
            for (const auto& name : object->getNames()) {
                m_fields[name] = object->get(name).convert<std::string>();
            }
        } catch (const Poco::Exception&) {
            m_fields.clear();
        }
    } else if (type.find("application/x-www-form-urlencoded") != std::string::npos) {
        // Decoded as a browser would: '+' is a space, %2B a plus.
        Poco::Net::HTMLForm form;
        form.read(body);
        for (const auto& [name, value] : form) {
            m_fields[name] = value;
            m_form_fields.emplace_back(name, value);
        }
    }
}

std::string Exchange::query(const std::string& name, const std::string& fallback) const {
    auto found = m_query.find(name);
    return found == m_query.end() ? fallback : found->second;
}

std::string Exchange::field(const std::string& name) const {
    auto found = m_fields.find(name);
    return found == m_fields.end() ? "" : found->second;
}

std::string Exchange::header(const std::string& name) const { return m_request.get(name, ""); }

std::string Exchange::cookie(const std::string& name) const {
    Poco::Net::NameValueCollection cookies;
    m_request.getCookies(cookies);
    return cookies.get(name, "");
}

std::string Exchange::bearer() const {
    const std::string value = header("Authorization");
    return Poco::icompare(value.substr(0, 7), "Bearer ") == 0 ? value.substr(7) : "";
}

std::optional<std::pair<std::string, std::string>> Exchange::basic() const {
    const std::string value = header("Authorization");
    if (Poco::icompare(value.substr(0, 6), "Basic ") != 0) {
        return std::nullopt;
    }
    std::istringstream in(value.substr(6));
    Poco::Base64Decoder decoder(in);
    std::string pair((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
    const auto colon = pair.find(':');
    if (colon == std::string::npos) {
        return std::nullopt;
    }
    return std::make_pair(pair.substr(0, colon), pair.substr(colon + 1));
}

void Exchange::text(int status, const std::string& content_type, const std::string& body) {
    m_response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    m_response.setContentType(content_type);
    if (m_spoil == Fault::dropped) {
        // Promise the whole body, send half, close: what a dying connection looks like.
        m_response.setKeepAlive(false);
        m_response.setContentLength(static_cast<std::streamsize>(body.size()));
        m_response.send() << body.substr(0, body.size() / 2);
        return;
    }
    if (m_spoil == Fault::huge) {
        send_huge();
        return;
    }
    std::string sent = m_spoil == Fault::garbage ? body.substr(0, body.size() / 2) : body;
    if (m_spoil == Fault::no_id) {
        Poco::replaceInPlace(sent, std::string("\"id\":"), std::string("\"_id\":"));
    }
    if (m_spoil == Fault::non_utf8) {
        const auto value = sent.find("\":\"");  // the first string value starts here
        sent.insert(value == std::string::npos ? 0 : value + 3, "\xff\xfe");
    }
    m_response.setContentLength(static_cast<std::streamsize>(sent.size()));
    m_response.send() << sent;
}

void Exchange::send_huge() {
    // 1 GiB, streamed in chunks: the client must give up long before, holding little.
    m_response.setChunkedTransferEncoding(true);
    std::ostream& out = m_response.send();
    const std::string chunk(1 << 16, ' ');
    out << "{\"data\":[],\"padding\":\"";
    for (int i = 0; i < (1 << 14) && out.good(); ++i) {
        out << chunk;
    }
    out << "\"}";
}

void Exchange::json_text(int status, const std::string& body) {
    text(status, "application/json", body);
}

void Exchange::json(int status, const Poco::JSON::Object& body) {
    std::ostringstream text;
    body.stringify(text);
    json_text(status, text.str());
}

void Exchange::oauth_error(int status, const std::string& error, const std::string& description) {
    Poco::JSON::Object body;
    body.set("error", error);
    body.set("error_description", description);
    json(status, body);
}

void Exchange::header_out(const std::string& name, const std::string& value) {
    m_response.set(name, value);
}

void Exchange::set_cookie(const std::string& name, const std::string& value,
                          const std::string& path) {
    Poco::Net::HTTPCookie cookie(name, value);
    cookie.setPath(path);
    cookie.setHttpOnly(true);
    m_response.addCookie(cookie);
}

}  // namespace sandbox
