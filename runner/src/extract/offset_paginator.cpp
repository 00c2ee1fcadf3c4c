#include "extract/offset_paginator.hpp"

#include "extract/json_path.hpp"

namespace apirunner {

OffsetPaginator::OffsetPaginator(PagingSpec spec) : Paginator(spec.max_pages), m_spec(std::move(spec)) {}

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
        m_guard.saw_total(as_count(find_path(page.body, m_spec.total)));
    }
    // Each page moves the offset forward by what it held, so the offset can never repeat.
    m_offset += static_cast<std::int64_t>(page.record_count);
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
