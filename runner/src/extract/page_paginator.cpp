#include "extract/page_paginator.hpp"

#include "extract/json_path.hpp"

namespace apirunner {

PagePaginator::PagePaginator(PagingSpec spec)
    : Paginator(spec.max_pages), m_spec(std::move(spec)), m_page(m_spec.start_page) {}

std::optional<PageRequest> PagePaginator::next() {
    if (m_done) {
        return std::nullopt;
    }
    m_guard.before_request();
    PageRequest request{size_param(m_spec), std::nullopt};
    request.params.emplace_back(m_spec.page_param, std::to_string(m_page));
    return request;
}

void PagePaginator::accept(const Page& page) {
    m_guard.counted();
    m_records += static_cast<std::int64_t>(page.record_count);
    const auto total_pages = m_spec.total_pages.empty()
                                 ? std::nullopt
                                 : as_count(find_path(page.body, m_spec.total_pages));
    if (!m_spec.total.empty()) {
        m_guard.saw_total(as_count(find_path(page.body, m_spec.total)));
    }
    const auto total = totals().last;
    const std::int64_t pages_done = m_page - m_spec.start_page + 1;
    m_done = page.record_count == 0 || (total_pages && pages_done >= *total_pages) ||
             (total && m_records >= *total);
    ++m_page;
}

void PagePaginator::save_position(Poco::JSON::Object& position) const {
    position.set("page", m_page);
    position.set("records", m_records);
    position.set("done", m_done);
}

void PagePaginator::restore_position(const Poco::JSON::Object& position) {
    m_page = position.getValue<Poco::Int64>("page");
    m_records = position.getValue<Poco::Int64>("records");
    m_done = position.getValue<bool>("done");
}

}  // namespace apirunner
