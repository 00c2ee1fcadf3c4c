// One HTTP exchange as a simulated provider sees it: the parsed request (query, form or JSON
// body, cookies, bearer token) and helpers to answer it.
#pragma once

#include "fault_injector.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sandbox {

class Exchange {
  public:
    Exchange(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
             std::string path);

    const std::string& method() const { return m_method; }
    // The path below the provider's prefix: "/api/v3.0/organizations".
    const std::string& path() const { return m_path; }
    std::string query(const std::string& name, const std::string& fallback = "") const;
    // Form or JSON body fields (JSON values as text). Empty for other bodies.
    std::string field(const std::string& name) const;
    bool has_field(const std::string& name) const { return m_fields.count(name) != 0; }
    bool body_is_json() const { return m_body_is_json; }
    const std::string& body() const { return m_body; }  // as it came
    // The form body's fields in order, duplicates kept (what an OAuth 1.0a signature covers).
    const std::vector<std::pair<std::string, std::string>>& form_fields() const {
        return m_form_fields;
    }
    // The request target as sent: path and query, still encoded.
    const std::string& raw_uri() const { return m_request.getURI(); }
    std::string header(const std::string& name) const;
    std::string cookie(const std::string& name) const;
    // The token of "Authorization: Bearer <token>", or "".
    std::string bearer() const;
    // The id and secret of "Authorization: Basic ...", if that is how it came.
    std::optional<std::pair<std::string, std::string>> basic() const;

    void json(int status, const Poco::JSON::Object& body);
    void json_text(int status, const std::string& body);
    void text(int status, const std::string& content_type, const std::string& body);
    void oauth_error(int status, const std::string& error, const std::string& description);
    void header_out(const std::string& name, const std::string& value);
    // Spoils the answer about to be written: cut it off halfway (and close), or break its JSON.
    void spoil(Fault fault) { m_spoil = fault; }
    void set_cookie(const std::string& name, const std::string& value, const std::string& path);

  private:
    void parse_body();
    void send_huge();

    Poco::Net::HTTPServerRequest& m_request;
    Poco::Net::HTTPServerResponse& m_response;
    std::string m_method;
    std::string m_path;
    std::map<std::string, std::string> m_query;
    std::map<std::string, std::string> m_fields;
    std::vector<std::pair<std::string, std::string>> m_form_fields;
    bool m_body_is_json = false;
    std::string m_body;
    std::optional<Fault> m_spoil;
};

}  // namespace sandbox
