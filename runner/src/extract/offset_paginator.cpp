#include "extract/offset_paginator.hpp"

#include "extract/json_path.hpp"

namespace apirunner {

OffsetPaginator::OffsetPaginator(PagingSpec spec) : m_spec(std::move(spec)), m_guard(m_spec.max_pages) {}

std::optional<PageRequest> OffsetPaginator::next() {
    if (m_done) {
        return std::nullopt;
    }
    m_guard.before_request();
    PageRequest request{size_param(m_spec), std::nullopt};
    request.params.emplace_back(m_spec.offset_param, std::to_string(m_offset));
    return request;
}

void OffsetPaginator::accept(const Page& page) {
    m_guard.counted();
    if (!m_spec.total.empty()) {
        m_total = as_count(find_path(page.body, m_spec.total));
        if (!m_first_total) {
            m_first_total = m_total;
        }
    }
    // Each page moves the offset forward by what it held, so the offset can never repeat.
    m_offset += static_cast<std::int64_t>(page.record_count);
    m_done = page.record_count == 0 || (m_total && m_offset >= *m_total);
}

std::string OffsetPaginator::drift() const {
    if (m_first_total && m_total && *m_first_total != *m_total) {
        return "the total changed during the run, from " + std::to_string(*m_first_total) +
               " to " + std::to_string(*m_total);
    }
    return "";
}

}  // namespace apirunner
