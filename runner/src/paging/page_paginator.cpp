#include "paging/page_paginator.hpp"

#include "paging/json_path.hpp"

namespace apirunner {

PagePaginator::PagePaginator(const PagingSpec& spec)
    : Paginator(max_pages(spec), spec.fields),
      m_size_param(size_param(spec)),
      m_page_param(spec.fields.text("page_param")),
      m_start_page(spec.fields.integer("start_page")),
      m_limit(spec.fields.integer("limit")),
      m_total_path(optional_path(spec, "total")),
      m_total_pages_path(optional_path(spec, "total_pages")),
      m_total_header(spec.fields.text("total_header")),
      m_total_pages_header(spec.fields.text("total_pages_header")),
      m_page(m_start_page) {}

std::optional<PageRequest> PagePaginator::next() {
    if (m_done) {
        return std::nullopt;
    }
    m_guard.before_request();
    return request_for(m_page);
}

PageRequest PagePaginator::request_for(std::int64_t page) const {
    PageRequest request{m_size_param, std::nullopt};
    request.params.push_back({m_page_param, std::to_string(page), true});
    return request;
}

std::vector<PageRequest> PagePaginator::ahead(std::size_t n) {
    std::vector<PageRequest> requests = Paginator::ahead(n);
    const auto total = totals().last;
    if (requests.empty() || (!m_total_pages && !total)) {
        return requests;
    }
    for (std::int64_t k = 1; k < static_cast<std::int64_t>(n) && k < m_guard.pages_left(); ++k) {
        const bool past_pages = m_total_pages && m_page + k - m_start_page + 1 > *m_total_pages;
        const bool past_records = !m_total_pages && m_records + k * m_limit >= *total;
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
    const auto total_pages = m_total_pages_path
                                 ? as_count(find_path(page.body, *m_total_pages_path))
                                 : header_count(page.headers, m_total_pages_header);
    m_total_pages = total_pages;
    m_guard.saw_total(m_total_path ? as_count(find_path(page.body, *m_total_path))
                                   : header_count(page.headers, m_total_header));
    const auto more = says_more(page);
    if (more && *more && page.record_count == 0) {
        fail_partial(page, "is empty but says more follow (" + m_more.said() +
                               "): the next page number would be past the end");
    }
    const auto total = totals().last;
    const std::int64_t pages_done = m_page - m_start_page + 1;
    m_done = more ? !*more
                  : page.record_count == 0 || (total_pages && pages_done >= *total_pages) ||
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

PagingKind page_paging() {
    FieldTable fields = page_size_fields();
    fields.push_back({"page_param", FieldType::text, "The page number parameter.", "page"});
    FieldSpec start{"start_page", FieldType::integer, "The first page's number.", "1"};
    start.minimum = 0;
    fields.push_back(start);
    fields.push_back(records_field());
    for (FieldSpec total : {path_field("total", "Path to the total count of records."),
                            path_field("total_pages", "Path to the number of pages.")}) {
        total.moves_position = false;
        fields.push_back(total);
    }
    fields.push_back(header_field("total_header",
                                  "A response header holding the total count of records "
                                  "(X-Total-Count, X-WP-Total), where the body has none."));
    fields.push_back(header_field("total_pages_header",
                                  "A response header holding the number of pages "
                                  "(X-WP-TotalPages), where the body has none."));
    add_more_flag(fields);
    fields.push_back(inject_field());
    fields.push_back(max_pages_field());
    fields.push_back(concurrency_field());
    return {"page",
            "Page numbers from start_page; stops on an empty page, after total_pages, or once the "
            "records reach total; or as has_more/last_page say.",
            fields, with_more_flag(check_planning),
            [](const PagingSpec& spec) { return std::make_unique<PagePaginator>(spec); }};
}

}  // namespace apirunner
