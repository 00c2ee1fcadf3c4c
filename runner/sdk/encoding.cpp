#include <apirunner/encoding.hpp>

#include <Poco/URI.h>

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

}  // namespace apirunner
