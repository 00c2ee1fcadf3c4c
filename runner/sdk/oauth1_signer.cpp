#include <apirunner/encoding.hpp>
#include <apirunner/error.hpp>
#include <apirunner/oauth1.hpp>

#include <Poco/HMACEngine.h>
#include <Poco/SHA1Engine.h>
#include <Poco/SHA2Engine.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>

#include <algorithm>

namespace apirunner::oauth1 {
namespace {

// HMACEngine wants the block and digest sizes as constants, which SHA2Engine does not declare.
class Sha256Engine : public Poco::SHA2Engine {
  public:
    enum { BLOCK_SIZE = 64, DIGEST_SIZE = 32 };
    Sha256Engine() : Poco::SHA2Engine(SHA_256) {}
};

template <typename Engine>
std::string hmac_base64(const std::string& key, const std::string& text) {
    Poco::HMACEngine<Engine> hmac(key);
    hmac.update(text);
    const Poco::DigestEngine::Digest& digest = hmac.digest();
    return base64(std::string(digest.begin(), digest.end()));
}

const char* method_name(SignatureMethod method) {
    switch (method) {
        case SignatureMethod::hmac_sha1:
            return "HMAC-SHA1";
        case SignatureMethod::hmac_sha256:
            return "HMAC-SHA256";
        case SignatureMethod::plaintext:
            return "PLAINTEXT";
    }
    return "HMAC-SHA1";
}

Params protocol_parameters(const Credentials& credentials, const SigningInput& input) {
    Params params = {{"oauth_consumer_key", credentials.consumer_key},
                     {"oauth_nonce", input.nonce},
                     {"oauth_signature_method", method_name(input.method)},
                     {"oauth_timestamp", std::to_string(input.timestamp)}};
    if (!credentials.token.empty()) {
        params.emplace_back("oauth_token", credentials.token);
    }
    if (input.include_version) {
        params.emplace_back("oauth_version", "1.0");
    }
    params.insert(params.end(), input.extra_oauth.begin(), input.extra_oauth.end());
    return params;
}

}  // namespace

std::string base_string_uri(const std::string& url) {
    try {
        Poco::URI uri(url);
        const std::string scheme = Poco::toLower(uri.getScheme());
        const bool default_port = (scheme == "http" && uri.getPort() == 80) ||
                                  (scheme == "https" && uri.getPort() == 443);
        std::string path = uri.getPath().empty() ? "/" : uri.getPath();
        std::string encoded_path;
        Poco::URI::encode(path, "?#", encoded_path);
        return scheme + "://" + Poco::toLower(uri.getHost()) +
               (default_port ? "" : ":" + std::to_string(uri.getPort())) + encoded_path;
    } catch (const Poco::Exception& error) {
        throw Error(ErrorKind::config,
                    "cannot sign a request to an invalid URL: " + error.message());
    }
}

std::string normalize_parameters(Params params) {
    for (auto& [name, value] : params) {
        name = percent_encode(name);
        value = percent_encode(value);
    }
    std::sort(params.begin(), params.end());
    std::string joined;
    for (const auto& [name, value] : params) {
        joined += (joined.empty() ? "" : "&") + name + "=" + value;
    }
    return joined;
}

std::string signature_base_string(const std::string& http_method, const std::string& url,
                                  const Params& params) {
    Params all = params;
    for (const auto& pair : Poco::URI(url).getQueryParameters()) {
        all.push_back(pair);
    }
    return Poco::toUpper(http_method) + "&" + percent_encode(base_string_uri(url)) + "&" +
           percent_encode(normalize_parameters(all));
}

std::string signature(SignatureMethod method, const std::string& base_string,
                      const std::string& consumer_secret, const std::string& token_secret) {
    const std::string key = percent_encode(consumer_secret) + "&" + percent_encode(token_secret);
    switch (method) {
        case SignatureMethod::hmac_sha1:
            return hmac_base64<Poco::SHA1Engine>(key, base_string);
        case SignatureMethod::hmac_sha256:
            return hmac_base64<Sha256Engine>(key, base_string);
        case SignatureMethod::plaintext:
            return key;
    }
    return key;
}

Params signed_parameters(const Credentials& credentials, const SigningInput& input) {
    Params params = protocol_parameters(credentials, input);
    Params signed_input = params;
    signed_input.insert(signed_input.end(), input.body_params.begin(), input.body_params.end());
    const std::string base = signature_base_string(input.http_method, input.url, signed_input);
    params.emplace_back(
        "oauth_signature",
        signature(input.method, base, credentials.consumer_secret, credentials.token_secret));
    return params;
}

std::string authorization_header(const Credentials& credentials, const SigningInput& input) {
    std::string header = "OAuth ";
    if (!input.realm.empty()) {
        header += "realm=\"" + percent_encode(input.realm) + "\", ";
    }
    bool first = true;
    for (const auto& [name, value] : signed_parameters(credentials, input)) {
        header += (first ? "" : ", ") + percent_encode(name) + "=\"" + percent_encode(value) + "\"";
        first = false;
    }
    return header;
}

Params parse_form(const std::string& body) {
    Params fields;
    Poco::StringTokenizer pairs(body, "&", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& pair : pairs) {
        const auto equals = pair.find('=');
        std::string name = pair.substr(0, equals);
        std::string value = equals == std::string::npos ? "" : pair.substr(equals + 1);
        std::replace(name.begin(), name.end(), '+', ' ');
        std::replace(value.begin(), value.end(), '+', ' ');
        std::string decoded_name;
        std::string decoded_value;
        Poco::URI::decode(name, decoded_name);
        Poco::URI::decode(value, decoded_value);
        fields.emplace_back(decoded_name, decoded_value);
    }
    return fields;
}

}  // namespace apirunner::oauth1
