#include "incremental/incremental_paginator.hpp"

#include <Poco/JSON/Parser.h>

#include <algorithm>

namespace apirunner {

IncrementalPaginator::IncrementalPaginator(const PagingSpec& paging, const IncrementalSpec& spec,
                                           std::optional<Bookmark> from, std::optional<Bookmark> to)
    : Paginator(1, paging.fields),
      m_paging(paging),
      m_spec(spec),
      m_format(spec.format),
      m_records(JsonPath::parse(paging.records())),
      m_cursor(JsonPath::parse(spec.cursor)),
      m_from(std::move(from)),
      m_to(std::move(to)),
      m_inner(make_paginator(paging)) {}

std::int64_t IncrementalPaginator::window_count() const {
    if (m_spec.window_s == 0 || !m_from || !m_to) {
        return 1;
    }
    const std::int64_t span_us = std::max<std::int64_t>(0, m_to->number() - m_from->number());
    const std::int64_t width_us = m_spec.window_s * 1'000'000;
    return std::max<std::int64_t>(1, (span_us + width_us - 1) / width_us);
}

PageParams IncrementalPaginator::window_params() const {
    if (m_spec.window_s == 0 || !m_from || !m_to) {
        return {};
    }
    const Bookmark start = m_from->minus(std::chrono::seconds(-m_spec.window_s * m_window));
    const Bookmark next = start.minus(std::chrono::seconds(-m_spec.window_s));
    const Bookmark end = *m_to < next ? *m_to : next;
    const Inject where = inject_named(m_spec.inject);
    return {{m_spec.param, m_format.write(start), m_format.numeric(), where},
            {m_spec.end_param, m_format.write(end), m_format.numeric(), where}};
}

PageRequest IncrementalPaginator::with_window(PageRequest request) const {
    if (!request.url) {  // a provider's next URL carries the window it was given
        for (auto& param : window_params()) {
            request.params.push_back(std::move(param));
        }
    }
    return request;
}

std::optional<PageRequest> IncrementalPaginator::next() {
    auto request = m_inner->next();
    while (!request && m_window + 1 < window_count()) {
        ++m_window;
        m_inner = make_paginator(m_paging);
        request = m_inner->next();
    }
    if (!request) {
        return std::nullopt;
    }
    return with_window(*request);
}

std::vector<PageRequest> IncrementalPaginator::ahead(std::size_t n) {
    auto requests = m_inner->ahead(n);
    if (requests.empty()) {
        const auto request = next();  // the next window's first page
        return request ? std::vector<PageRequest>{*request} : std::vector<PageRequest>{};
    }
    for (auto& request : requests) {
        request = with_window(std::move(request));
    }
    return requests;
}

bool IncrementalPaginator::behind_range(const Page& page) const {
    if (!m_spec.descending || !m_from || page.record_count == 0) {
        return false;
    }
    const auto list = find_path(page.body, m_records);
    simdjson::dom::array records;
    if (!list || list->get(records) != simdjson::SUCCESS) {
        return false;
    }
    for (simdjson::dom::element record : records) {
        simdjson::dom::object object;
        if (record.get(object) != simdjson::SUCCESS) {
            return false;
        }
        const auto value = find_path(object, m_cursor);
        const auto bookmark = value ? m_format.read(*value) : std::nullopt;
        if (!bookmark || !(*bookmark < *m_from)) {
            return false;  // one record in the range, or one that cannot tell: go on
        }
    }
    return true;
}

void IncrementalPaginator::accept(const Page& page) {
    m_inner->accept(page);
    if (behind_range(page)) {
        m_inner->end_walk();
    }
}

void IncrementalPaginator::save_position(Poco::JSON::Object& position) const {
    position.set("window", m_window);
    position.set("walk", m_inner->save());
}

void IncrementalPaginator::restore_position(const Poco::JSON::Object& position) {
    m_window = position.getValue<Poco::Int64>("window");
    m_inner = make_paginator(m_paging);
    m_inner->restore(position.getValue<std::string>("walk"));
}

}  // namespace apirunner
