// limit/offset paging. Stops when offset >= total or on an empty page, never on a short page
// alone (some APIs return fewer than asked mid-stream); re-reads the total on every page.
#pragma once

#include "paging/paginator.hpp"

#include <cstdint>

namespace apirunner {

class OffsetPaginator : public Paginator {
  public:
    explicit OffsetPaginator(const PagingSpec& spec);
    std::optional<PageRequest> next() override;
    void accept(const Page& page) override;
    std::vector<PageRequest> ahead(std::size_t n) override;

  protected:
    void save_position(Poco::JSON::Object& position) const override;
    void restore_position(const Poco::JSON::Object& position) override;

  private:
    PageRequest request_at(std::int64_t offset) const;

    PageParams m_size_param;
    std::string m_offset_param;
    std::optional<JsonPath> m_total;  // nothing when the provider gives none
    std::string m_total_header;       // "" when the provider gives none
    std::int64_t m_offset = 0;
    std::int64_t m_step;  // the size of the pages planned ahead: the last page's, or the limit
};

PagingKind offset_paging();

}  // namespace apirunner
