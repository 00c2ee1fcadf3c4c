// limit/offset paging. Stops when offset >= total or on an empty page, never on a short page
// alone (some APIs return fewer than asked mid-stream); re-reads the total on every page.
#pragma once

#include "extract/paginator.hpp"

#include <cstdint>
#include <optional>

namespace apirunner {

class OffsetPaginator : public Paginator {
public:
    explicit OffsetPaginator(PagingSpec spec);
    std::optional<PageRequest> next() override;
    void accept(const Page& page) override;
    std::string drift() const override;

private:
    PagingSpec m_spec;
    PageGuard m_guard;
    std::int64_t m_offset = 0;
    std::optional<std::int64_t> m_first_total;
    std::optional<std::int64_t> m_total;
    bool m_done = false;
};

}  // namespace apirunner
