#include "extract/offset_paginator.hpp"

#include "extract/json_path.hpp"

namespace apirunner {

OffsetPaginator::OffsetPaginator(PagingSpec spec)
    : Paginator(spec.max_pages), m_spec(std::move(spec)), m_step(m_spec.limit) {}

std::optional<PageRequest> OffsetPaginator::next() {
    if (m_done) {
        return std::nullopt;
    }
    m_guard.before_request();
    return request_at(m_offset);
}

PageRequest OffsetPaginator::request_at(std::int64_t offset) const {
    PageRequest request{size_param(m_spec), std::nullopt};
    request.params.emplace_back(m_spec.offset_param, std::to_string(offset));
    return request;
}

std::vector<PageRequest> OffsetPaginator::ahead(std::size_t n) {
    std::vector<PageRequest> requests = Paginator::ahead(n);
    const auto total = totals().last;
    if (requests.empty() || !total) {
        return requests;
    }
    for (std::int64_t k = 1; k < static_cast<std::int64_t>(n) && k < m_guard.pages_left(); ++k) {
        const std::int64_t offset = m_offset + k * m_step;
        if (offset >= *total) {
            break;
        }
        requests.push_back(request_at(offset));
    }
    return requests;
}

void OffsetPaginator::accept(const Page& page) {
    m_guard.counted();
    if (!m_spec.total.empty()) {
        m_guard.saw_total(as_count(find_path(page.body, m_spec.total)));
    }
    // Each page moves the offset forward by what it held, so the offset can never repeat.
    m_offset += static_cast<std::int64_t>(page.record_count);
    if (page.record_count > 0) {
        m_step = static_cast<std::int64_t>(page.record_count);  // a server may cap the size asked
    }
    const auto total = totals().last;
    m_done = page.record_count == 0 || (total && m_offset >= *total);
}

void OffsetPaginator::save_position(Poco::JSON::Object& position) const {
    position.set("offset", m_offset);
    position.set("done", m_done);
}

void OffsetPaginator::restore_position(const Poco::JSON::Object& position) {
    m_offset = position.getValue<Poco::Int64>("offset");
    m_done = position.getValue<bool>("done");
}

}  // namespace apirunner
