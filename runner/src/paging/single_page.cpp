#include "paging/single_page.hpp"

namespace apirunner {

std::optional<PageRequest> SinglePage::next() {
    return m_done ? std::nullopt : std::optional<PageRequest>(PageRequest{});
}

void SinglePage::save_position(Poco::JSON::Object& position) const { position.set("done", m_done); }

void SinglePage::restore_position(const Poco::JSON::Object& position) {
    m_done = position.getValue<bool>("done");
}

PagingKind single_page_paging() {
    return {"none",
            "One request.",
            {records_field(), max_pages_field(), concurrency_field()},
            refuse_planning("none"),
            [](const PagingSpec&) { return std::make_unique<SinglePage>(); }};
}

}  // namespace apirunner
