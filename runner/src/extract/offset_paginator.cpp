#include "extract/offset_paginator.hpp"

#include "extract/json_path.hpp"

#include <apirunner/error.hpp>

namespace apirunner {

std::unique_ptr<Paginator> make_paginator(const PagingSpec& spec) {
    if (spec.type == "offset") {
        return std::make_unique<OffsetPaginator>(spec);
    }
    return std::make_unique<SinglePage>();
}

OffsetPaginator::OffsetPaginator(PagingSpec spec) : m_spec(std::move(spec)) {}

std::optional<QueryParams> OffsetPaginator::next() {
    if (m_done) {
        return std::nullopt;
    }
    if (m_pages >= m_spec.max_pages) {
        throw Error(ErrorKind::bad_data, "stopped after " + std::to_string(m_pages) +
                                             " pages (paging.max_pages); the endpoint may loop");
    }
    return QueryParams{{m_spec.limit_param, std::to_string(m_spec.limit)},
                       {m_spec.offset_param, std::to_string(m_offset)}};
}

void OffsetPaginator::accept(const Page& page) {
    ++m_pages;
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

std::optional<QueryParams> SinglePage::next() {
    return m_done ? std::nullopt : std::optional<QueryParams>(QueryParams{});
}

}  // namespace apirunner
