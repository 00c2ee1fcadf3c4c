#include <apirunner/encoding.hpp>

#include <Poco/Base64Encoder.h>
#include <Poco/URI.h>

#include <sstream>

namespace apirunner {

std::string percent_encode(const std::string& text) {
    // Poco leaves the sub-delimiters alone unless they are listed as reserved.
    static const std::string k_reserved = "!#$&'()*+,/:;=?@[]";
    std::string encoded;
    Poco::URI::encode(text, k_reserved, encoded);
    return encoded;
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string body;
    for (const auto& [name, value] : fields) {
        if (!body.empty()) {
            body += '&';
        }
        body += percent_encode(name) + '=' + percent_encode(value);
    }
    return body;
}

std::string url_join(const std::string& base, const std::string& path) {
    std::string joined = base;
    while (!joined.empty() && joined.back() == '/') {
        joined.pop_back();
    }
    return joined + (path.empty() || path.front() == '/' ? path : "/" + path);
}

std::string add_query_param(const std::string& url, const std::string& name,
                            const std::string& value) {
    const auto fragment = url.find('#');
    std::string head = url.substr(0, fragment);
    head += (head.find('?') == std::string::npos ? "?" : "&") + percent_encode(name) + "=" +
            percent_encode(value);
    return fragment == std::string::npos ? head : head + url.substr(fragment);
}

std::string base64(const std::string& bytes) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << bytes;
    encoder.close();
    return out.str();
}

}  // namespace apirunner
