#include "paging/cursor_paginator.hpp"

#include "paging/json_path.hpp"

namespace apirunner {

CursorPaginator::CursorPaginator(const PagingSpec& spec)
    : Paginator(max_pages(spec)),
      m_size_param(size_param(spec)),
      m_cursor_param(spec.fields.text("cursor_param")),
      m_cursor_path(spec.fields.text("cursor")) {}

std::optional<PageRequest> CursorPaginator::next() {
    if (m_done) {
        return std::nullopt;
    }
    m_guard.before_request();
    PageRequest request{m_size_param, std::nullopt};
    if (m_cursor) {
        request.params.emplace_back(m_cursor_param, *m_cursor);
    }
    return request;
}

void CursorPaginator::accept(const Page& page) {
    m_guard.counted();
    m_cursor = position_text(find_path(page.body, m_cursor_path));
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

PagingKind cursor_paging() {
    FieldTable fields = page_size_fields();
    fields.push_back(
        {"cursor_param", FieldType::text, "The parameter the cursor is sent back in.", "cursor"});
    FieldSpec cursor{"cursor", FieldType::text,
                     "Dot path to the next page's cursor; no cursor ends the walk."};
    cursor.required = true;
    fields.push_back(cursor);
    fields.push_back(records_field());
    fields.push_back(max_pages_field());
    fields.push_back(concurrency_field());
    return {
        "cursor",
        "Each page names the next page's cursor, sent back as cursor_param; stops when there is "
        "none or on an empty page.",
        fields, refuse_planning("cursor"),
        [](const PagingSpec& spec) { return std::make_unique<CursorPaginator>(spec); }};
}

}  // namespace apirunner
