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
    return request_for(m_page);
}

PageRequest PagePaginator::request_for(std::int64_t page) const {
    PageRequest request{size_param(m_spec), std::nullopt};
    request.params.emplace_back(m_spec.page_param, std::to_string(page));
    return request;
}

std::vector<PageRequest> PagePaginator::ahead(std::size_t n) {
    std::vector<PageRequest> requests = Paginator::ahead(n);
    const auto total = totals().last;
    if (requests.empty() || (!m_total_pages && !total)) {
        return requests;
    }
    for (std::int64_t k = 1; k < static_cast<std::int64_t>(n) && k < m_guard.pages_left(); ++k) {
        const bool past_pages = m_total_pages && m_page + k - m_spec.start_page + 1 > *m_total_pages;
        const bool past_records = !m_total_pages && m_records + k * m_spec.limit >= *total;
        if (past_pages || past_records) {
            break;
        }
        requests.push_back(request_for(m_page + k));
    }
    return requests;
}

void PagePaginator::accept(const Page& page) {
    m_guard.counted();
    m_records += static_cast<std::int64_t>(page.record_count);
    const auto total_pages = m_spec.total_pages.empty()
                                 ? std::nullopt
                                 : as_count(find_path(page.body, m_spec.total_pages));
    m_total_pages = total_pages;
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
