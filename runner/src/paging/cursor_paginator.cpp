#include "paging/cursor_paginator.hpp"

#include "paging/json_path.hpp"

namespace apirunner {

CursorPaginator::CursorPaginator(const PagingSpec& spec)
    : Paginator(max_pages(spec), spec.fields),
      m_size_param(size_param(spec)),
      m_cursor_param(spec.fields.text("cursor_param")),
      m_cursor_path(JsonPath::parse(spec.fields.text("cursor"))) {}

std::optional<PageRequest> CursorPaginator::next() {
    if (m_done) {
        return std::nullopt;
    }
    m_guard.before_request();
    PageRequest request{m_size_param, std::nullopt};
    if (m_cursor) {
        request.params.push_back({m_cursor_param, *m_cursor, false});
    }
    return request;
}

bool CursorPaginator::start_from(const std::string& cursor) {
    m_cursor = cursor;
    m_guard.first_visit(cursor, "cursor");  // an empty page pointing back to it ends the walk
    return true;
}

void CursorPaginator::accept(const Page& page) {
    m_guard.counted();
    const bool first = !m_cursor;
    const auto found = find_path(page.body, m_cursor_path);
    m_cursor = position_text(found);
    const auto more = says_more(page);
    if (more && *more && !m_cursor) {
        fail_partial(page, "says more follow (" + m_more.said() + ") but has no cursor at '" +
                               m_cursor_path.text() + "'");
    }
    if (!more) {
        check_full_first_page(page, first, m_cursor_path, found.has_value());
    }
    // The cursor decides, not the page's size: Google and AWS answer empty pages mid-list with
    // a next token. An empty page pointing back to where the walk was is the end, and so are
    // k_empty_pages_at_most in a row, from a feed that hands out a new cursor on every page.
    m_empty_in_a_row = page.record_count == 0 ? m_empty_in_a_row + 1 : 0;
    m_done = more ? !*more
                  : !m_cursor || (m_empty_in_a_row > 0 && m_guard.visited(*m_cursor)) ||
                        m_empty_in_a_row >= k_empty_pages_at_most;
    if (!m_done) {
        m_guard.first_visit(*m_cursor, "cursor");
    }
}

void CursorPaginator::save_position(Poco::JSON::Object& position) const {
    save_optional(position, "cursor", m_cursor);
    position.set("done", m_done);
    position.set("empty_in_a_row", m_empty_in_a_row);
}

void CursorPaginator::restore_position(const Poco::JSON::Object& position) {
    m_cursor = restore_optional<std::string>(position, "cursor");
    m_done = position.getValue<bool>("done");
    m_empty_in_a_row = position.optValue<Poco::Int64>("empty_in_a_row", 0);
}

PagingKind cursor_paging() {
    FieldTable fields = page_size_fields();
    fields.push_back(
        {"cursor_param", FieldType::text, "The parameter the cursor is sent back in.", "cursor"});
    FieldSpec cursor = path_field("cursor",
                                  "Path to the next page's cursor (data[-1].id: the last "
                                  "record's id); no cursor ends the walk.");
    cursor.default_text.reset();
    cursor.required = true;
    fields.push_back(cursor);
    fields.push_back(records_field());
    add_more_flag(fields);
    fields.push_back(inject_field());
    fields.push_back(max_pages_field());
    fields.push_back(concurrency_field());
    return {
        "cursor",
        "Each page names the next page's cursor, sent back as cursor_param; stops when there is "
        "none (an empty page with a new cursor is followed), or as has_more/last_page say.",
        fields, with_more_flag(refuse_planning("cursor")),
        [](const PagingSpec& spec) { return std::make_unique<CursorPaginator>(spec); }};
}

}  // namespace apirunner
