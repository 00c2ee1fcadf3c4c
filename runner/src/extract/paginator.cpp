#include "extract/paginator.hpp"

#include "extract/cursor_paginator.hpp"
#include "extract/next_url_paginator.hpp"
#include "extract/offset_paginator.hpp"
#include "extract/page_paginator.hpp"

#include <apirunner/error.hpp>

namespace apirunner {
namespace {

// One request, no paging.
class SinglePage : public Paginator {
public:
    std::optional<PageRequest> next() override {
        return m_done ? std::nullopt : std::optional<PageRequest>(PageRequest{});
    }
    void accept(const Page&) override { m_done = true; }

private:
    bool m_done = false;
};

}  // namespace

std::unique_ptr<Paginator> make_paginator(const PagingSpec& spec) {
    if (spec.type == "offset") {
        return std::make_unique<OffsetPaginator>(spec);
    }
    if (spec.type == "page") {
        return std::make_unique<PagePaginator>(spec);
    }
    if (spec.type == "cursor") {
        return std::make_unique<CursorPaginator>(spec);
    }
    if (spec.type == "next_url") {
        return std::make_unique<NextUrlPaginator>(spec);
    }
    return std::make_unique<SinglePage>();
}

void PageGuard::before_request() const {
    if (m_pages >= m_max_pages) {
        throw Error(ErrorKind::bad_data, "stopped after " + std::to_string(m_pages) +
                                             " pages (paging.max_pages); the endpoint may loop");
    }
}

void PageGuard::first_visit(const std::string& position, const char* what) {
    if (!m_seen.insert(position).second) {
        throw Error(ErrorKind::bad_data, std::string("the provider sent the same ") + what +
                                             " twice ('" + position + "'); stopped to avoid a loop");
    }
}

QueryParams size_param(const PagingSpec& spec) {
    if (spec.limit_param.empty()) {
        return {};
    }
    return {{spec.limit_param, std::to_string(spec.limit)}};
}

}  // namespace apirunner
