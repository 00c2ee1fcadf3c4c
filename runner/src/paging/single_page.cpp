#include "paging/single_page.hpp"

namespace apirunner {

std::optional<PageRequest> SinglePage::next() {
    return m_done ? std::nullopt : std::optional<PageRequest>(PageRequest{});
}

void SinglePage::accept(const Page& page) {
    m_guard.counted();
    const auto more = says_more(page);
    if (more && *more) {
        fail_partial(page, "says more follow (" + m_more.said() +
                               ") but the job has no paging: set paging.type");
    }
    m_done = true;
}

void SinglePage::save_position(Poco::JSON::Object& position) const { position.set("done", m_done); }

void SinglePage::restore_position(const Poco::JSON::Object& position) {
    m_done = position.getValue<bool>("done");
}

PagingKind single_page_paging() {
    FieldTable fields{records_field(), max_pages_field(), concurrency_field()};
    add_more_flag(fields);
    return {"none", "One request; a page that says more follow (has_more/last_page) fails.", fields,
            with_more_flag(refuse_planning("none")),
            [](const PagingSpec& spec) { return std::make_unique<SinglePage>(spec); }};
}

}  // namespace apirunner
