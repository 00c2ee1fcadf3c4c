// Token requests and responses (RFC 6749 §4, §5.1, §5.2). Each field's JSON type is checked
// explicitly: Poco's getValue<> would turn "false" into 0 and 123 into "123".
#include <apirunner/encoding.hpp>
#include <apirunner/error.hpp>
#include <apirunner/oauth2.hpp>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace apirunner::oauth2 {
namespace {

// The lifetime assumed when a server says a token lives zero seconds or less.
constexpr std::int64_t k_floor_lifetime_s = 60;

Poco::JSON::Object::Ptr parse_object(const std::string& body) {
    std::string text = body;
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) {
        text.erase(0, 3);
    }
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var root = parser.parse(text);
    if (root.type() != typeid(Poco::JSON::Object::Ptr)) {
        return nullptr;
    }
    return root.extract<Poco::JSON::Object::Ptr>();
}

// A string field, or "" when absent or null. Any other JSON type is refused.
std::string string_field(const Poco::JSON::Object& object, const std::string& name,
                         const std::string& context) {
    if (!object.has(name) || object.isNull(name)) {
        return "";
    }
    Poco::Dynamic::Var value = object.get(name);
    if (!value.isString()) {
        throw Error(ErrorKind::bad_data, context + ": field '" + name + "' is not a string");
    }
    return value.extract<std::string>();
}

std::int64_t lifetime_field(const Poco::JSON::Object& object, std::int64_t fallback,
                            const std::string& context) {
    if (!object.has("expires_in") || object.isNull("expires_in")) {
        return fallback;
    }
    Poco::Dynamic::Var value = object.get("expires_in");
    double seconds = 0;
    if (value.isBoolean()) {
        throw Error(ErrorKind::bad_data, context + ": field 'expires_in' is not a number");
    } else if (value.isString()) {
        if (!Poco::NumberParser::tryParseFloat(Poco::trim(value.extract<std::string>()), seconds)) {
            throw Error(ErrorKind::bad_data, context + ": field 'expires_in' is not a number");
        }
    } else if (value.isNumeric()) {
        seconds = value.convert<double>();
    } else {
        throw Error(ErrorKind::bad_data, context + ": field 'expires_in' is not a number");
    }
    if (!std::isfinite(seconds) || seconds <= 0) {
        return k_floor_lifetime_s;  // a floor, never a refresh storm
    }
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(seconds));
}

ErrorKind kind_of_oauth_error(const std::string& code) {
    static const std::set<std::string> refused = {"invalid_grant", "invalid_client",
                                                  "unauthorized_client", "access_denied"};
    static const std::set<std::string> unavailable = {"server_error", "temporarily_unavailable"};
    if (refused.count(code)) {
        return ErrorKind::credentials;
    }
    if (unavailable.count(code)) {
        return ErrorKind::unavailable;
    }
    return ErrorKind::config;  // invalid_request, invalid_scope, unsupported_grant_type, ...
}

}  // namespace

GrantRefused::~GrantRefused() = default;

Tokens parse_token_response(const HttpResponse& response, std::int64_t default_lifetime_s,
                            const std::string& provider, const std::string& what) {
    const std::string context = "provider '" + provider + "': " + what;
    Poco::JSON::Object::Ptr object;
    try {
        object = parse_object(response.body);
    } catch (const Poco::Exception&) {
        object = nullptr;
    }
    if (object && object->has("error")) {
        std::string code = string_field(*object, "error", context);
        std::string description = string_field(*object, "error_description", context);
        std::string message = context + " was refused: " + code;
        if (!description.empty()) {
            message += " (" + description + ")";
        }
        if (code == "invalid_grant") {
            throw GrantRefused(ErrorKind::credentials, message);
        }
        throw Error(kind_of_oauth_error(code), message);
    }
    const std::string status = "HTTP " + std::to_string(response.status);
    if (response.status >= 500 || response.status == 429) {
        throw Error(ErrorKind::unavailable, context + " failed: " + status);
    }
    if (response.status == 401 || response.status == 403) {
        throw Error(ErrorKind::credentials, context + " was refused: " + status);
    }
    if (response.status != 200) {
        throw Error(ErrorKind::bad_data, context + " failed: " + status);
    }
    if (!object) {
        throw Error(ErrorKind::bad_data, context + ": the answer is not a JSON object");
    }
    Tokens tokens;
    tokens.access_token = string_field(*object, "access_token", context);
    if (tokens.access_token.empty()) {
        throw Error(ErrorKind::bad_data, context + ": the answer has no access_token");
    }
    tokens.token_type = Poco::toLower(string_field(*object, "token_type", context));
    if (!tokens.token_type.empty() && tokens.token_type != "bearer") {
        throw Error(ErrorKind::bad_data,
                    context + ": unsupported token_type '" + tokens.token_type + "'");
    }
    tokens.refresh_token = string_field(*object, "refresh_token", context);
    tokens.scope = string_field(*object, "scope", context);
    tokens.lifetime_s = lifetime_field(*object, default_lifetime_s, context);
    return tokens;
}

std::int64_t refresh_margin_ms(std::int64_t lifetime_s) {
    const std::int64_t lifetime_ms = lifetime_s * 1000;
    const std::int64_t margin = std::max<std::int64_t>(60'000, lifetime_ms / 10);
    return std::min(margin, lifetime_ms / 2);
}

std::string basic_authorization(const std::string& id, const std::string& secret,
                                bool form_encoded) {
    const std::string pair =
        form_encoded ? percent_encode(id) + ":" + percent_encode(secret) : id + ":" + secret;
    return "Basic " + base64(pair);
}

TokenClient::TokenClient(HostServices& host, TokenEndpoint endpoint,
                         std::int64_t default_lifetime_s)
    : m_host(host), m_endpoint(std::move(endpoint)), m_default_lifetime_s(default_lifetime_s) {}

Tokens TokenClient::request(const Params& params, const std::string& what, BodyFormat format,
                            const std::string& url) {
    Params fields = params;
    HttpRequest request;
    request.method = "POST";
    request.url = url.empty() ? m_endpoint.url : url;
    request.set_header("Accept", "application/json");
    if (m_endpoint.client_auth == ClientAuth::basic) {
        request.set_header("Authorization",
                           basic_authorization(m_endpoint.client_id, m_endpoint.client_secret,
                                               m_endpoint.basic_form_encoded));
    } else {
        fields.emplace_back("client_id", m_endpoint.client_id);
        if (!m_endpoint.client_secret.empty()) {
            fields.emplace_back("client_secret", m_endpoint.client_secret);
        }
    }
    if (format == BodyFormat::json) {
        Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
        for (const auto& [name, value] : fields) {
            body.set(name, value);
        }
        std::ostringstream out;
        body.stringify(out);
        request.body = out.str();
        request.set_header("Content-Type", "application/json");
    } else {
        request.body = form_encode(fields);
        request.set_header("Content-Type", "application/x-www-form-urlencoded");
    }
    HttpResponse response = m_host.http().send(request);
    Tokens tokens = parse_token_response(response, m_default_lifetime_s, m_host.profile(), what);
    tokens.received_ms = m_host.clock().monotonic_ms();
    m_host.logger().add_secret(tokens.access_token);
    if (!tokens.refresh_token.empty()) {
        m_host.logger().add_secret(tokens.refresh_token);
    }
    return tokens;
}

}  // namespace apirunner::oauth2
