#include "paging/offset_paginator.hpp"

#include "paging/json_path.hpp"

namespace apirunner {

OffsetPaginator::OffsetPaginator(const PagingSpec& spec)
    : Paginator(max_pages(spec), spec.fields),
      m_size_param(size_param(spec)),
      m_offset_param(spec.fields.text("offset_param")),
      m_total(optional_path(spec, "total")),
      m_total_header(spec.fields.text("total_header")),
      m_step(spec.fields.integer("limit")) {}

std::optional<PageRequest> OffsetPaginator::next() {
    if (m_done) {
        return std::nullopt;
    }
    m_guard.before_request();
    return request_at(m_offset);
}

PageRequest OffsetPaginator::request_at(std::int64_t offset) const {
    PageRequest request{m_size_param, std::nullopt};
    request.params.push_back({m_offset_param, std::to_string(offset), true});
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
    if (m_total) {
        m_guard.saw_total(as_count(find_path(page.body, *m_total)));
    } else if (!m_total_header.empty()) {
        m_guard.saw_total(header_count(page.headers, m_total_header));
    }
    const auto more = says_more(page);
    // Each page moves the offset forward by what it held, so the offset can never repeat.
    m_offset += static_cast<std::int64_t>(page.record_count);
    if (page.record_count > 0) {
        m_step = static_cast<std::int64_t>(page.record_count);  // a server may cap the size asked
    }
    if (more && *more && page.record_count == 0) {
        fail_partial(
            page, "is empty but says more follow (" + m_more.said() + "): the offset cannot move");
    }
    const auto total = totals().last;
    m_done = more ? !*more : page.record_count == 0 || (total && m_offset >= *total);
}

void OffsetPaginator::save_position(Poco::JSON::Object& position) const {
    position.set("offset", m_offset);
    position.set("done", m_done);
}

void OffsetPaginator::restore_position(const Poco::JSON::Object& position) {
    m_offset = position.getValue<Poco::Int64>("offset");
    m_done = position.getValue<bool>("done");
}

PagingKind offset_paging() {
    FieldTable fields = page_size_fields();
    fields.push_back({"offset_param", FieldType::text, "The offset parameter.", "offset"});
    fields.push_back(records_field());
    FieldSpec total = path_field("total", "Path to the total count, re-read on every page.");
    total.moves_position = false;
    fields.push_back(total);
    fields.push_back(header_field("total_header",
                                  "A response header holding the total count (X-Total-Count), "
                                  "where the body has none."));
    add_more_flag(fields);
    fields.push_back(inject_field());
    fields.push_back(max_pages_field());
    fields.push_back(concurrency_field());
    return {"offset",
            "limit/offset: the offset moves by what each page held; stops when offset >= total or "
            "on an empty page, never on a short page alone; or as has_more/last_page say.",
            fields, with_more_flag(check_planning),
            [](const PagingSpec& spec) { return std::make_unique<OffsetPaginator>(spec); }};
}

}  // namespace apirunner
