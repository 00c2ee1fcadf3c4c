#include "paging/path_template.hpp"

#include <Poco/URI.h>

#include <algorithm>
#include <optional>

namespace apirunner {

PathTemplate::PathTemplate(const std::string& path) {
    std::size_t from = 0;
    for (;;) {
        const std::size_t open = path.find('{', from);
        const std::size_t close = open == std::string::npos ? open : path.find('}', open);
        if (close == std::string::npos) {
            m_pieces.push_back(path.substr(from));
            return;
        }
        m_pieces.push_back(path.substr(from, open - from));
        m_pieces.push_back(path.substr(open + 1, close - open - 1));
        m_names.push_back(m_pieces.back());
        from = close + 1;
    }
}

std::string PathTemplate::problem(const std::string& path) {
    std::optional<std::size_t> open;  // where the {name} being read began
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] == '{') {
            if (open) {
                return "has a '{' inside a {name} (write a literal brace as %7B)";
            }
            open = i;
        } else if (path[i] == '}') {
            if (!open) {
                return "has a '}' without its '{' (write a literal brace as %7D)";
            }
            if (i == *open + 1) {
                return "has an empty {}";
            }
            open.reset();
        }
    }
    return open ? "has a '{' without its '}' (write a literal brace as %7B)" : "";
}

std::string PathTemplate::fill(PageParams& params) const {
    std::string path = m_pieces.front();
    const auto named = [&](const PageParam& p) {
        return std::find(m_names.begin(), m_names.end(), p.name) != m_names.end();
    };
    for (std::size_t i = 1; i < m_pieces.size(); i += 2) {
        const auto param = std::find_if(params.begin(), params.end(),
                                        [&](const PageParam& p) { return p.name == m_pieces[i]; });
        if (param != params.end()) {
            // What a URL's path keeps as it is stays so ('/' included: a date pattern's
            // slashes are segments); '?' and '#' could end the path, so they are encoded.
            Poco::URI::encode(param->value, "?#", path);
        }
        path += m_pieces[i + 1];
    }
    params.erase(std::remove_if(params.begin(), params.end(), named), params.end());
    return path;
}

}  // namespace apirunner
