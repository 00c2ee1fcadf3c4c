// Page-number paging (page=1, 2, ...). Stops on an empty page, after the last page when the
// body says how many there are (total_pages), or once the records reach the total.
#pragma once

#include "extract/paginator.hpp"

namespace apirunner {

class PagePaginator : public Paginator {
public:
    explicit PagePaginator(PagingSpec spec);
    std::optional<PageRequest> next() override;
    void accept(const Page& page) override;

private:
    PagingSpec m_spec;
    PageGuard m_guard;
    std::int64_t m_page;
    std::int64_t m_records = 0;
    bool m_done = false;
};

}  // namespace apirunner
