// A request path that carries paging values, for APIs that page by path
// (`/items/page/{page}`): each `{name}` takes the value of the paging parameter of that name,
// which then goes nowhere else. A literal brace is written %7B or %7D.
#pragma once

#include "paging/paginator.hpp"

#include <string>
#include <vector>

namespace apirunner {

class PathTemplate {
  public:
    // `path` is taken as it is; problem() says whether it is well formed.
    explicit PathTemplate(const std::string& path);
    // What is wrong with the braces of `path` (one left open, an empty or nested name), or "".
    static std::string problem(const std::string& path);
    // The names between braces, in the path's order.
    const std::vector<std::string>& names() const { return m_names; }
    // The path with each `{name}` replaced by the value of the parameter of that name, '?',
    // '#', spaces and the characters a URL cannot hold percent-encoded; those parameters are
    // taken out of `params`. Values come from the runner (counts, formatted times), never
    // from a provider's text.
    std::string fill(PageParams& params) const;

  private:
    // Literal text and names by turns: text, name, text, ..., text.
    std::vector<std::string> m_pieces;
    std::vector<std::string> m_names;  // the odd pieces
};

}  // namespace apirunner
