#include "extract/cursor_paginator.hpp"

#include "extract/json_path.hpp"

namespace apirunner {

CursorPaginator::CursorPaginator(PagingSpec spec) : Paginator(spec.max_pages), m_spec(std::move(spec)) {}

std::optional<PageRequest> CursorPaginator::next() {
    if (m_done) {
        return std::nullopt;
    }
    m_guard.before_request();
    PageRequest request{size_param(m_spec), std::nullopt};
    if (m_cursor) {
        request.params.emplace_back(m_spec.cursor_param, *m_cursor);
    }
    return request;
}

void CursorPaginator::accept(const Page& page) {
    m_guard.counted();
    m_cursor = position_text(find_path(page.body, m_spec.cursor));
    m_done = page.record_count == 0 || !m_cursor;
    if (!m_done) {
        m_guard.first_visit(*m_cursor, "cursor");
    }
}

void CursorPaginator::save_position(Poco::JSON::Object& position) const {
    save_optional(position, "cursor", m_cursor);
    position.set("done", m_done);
}

void CursorPaginator::restore_position(const Poco::JSON::Object& position) {
    m_cursor = restore_optional<std::string>(position, "cursor");
    m_done = position.getValue<bool>("done");
}

}  // namespace apirunner
