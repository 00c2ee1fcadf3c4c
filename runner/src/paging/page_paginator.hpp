// Page-number paging (page=1, 2, ...). Stops on an empty page, after the last page when the
// body says how many there are (total_pages), or once the records reach the total; or as
// has_more/last_page say.
#pragma once

#include "paging/paginator.hpp"

namespace apirunner {

class PagePaginator : public Paginator {
  public:
    explicit PagePaginator(const PagingSpec& spec);
    std::optional<PageRequest> next() override;
    void accept(const Page& page) override;
    std::vector<PageRequest> ahead(std::size_t n) override;

  protected:
    void save_position(Poco::JSON::Object& position) const override;
    void restore_position(const Poco::JSON::Object& position) override;

  private:
    PageRequest request_for(std::int64_t page) const;

    PageParams m_size_param;
    std::string m_page_param;
    std::int64_t m_start_page;
    std::int64_t m_limit;
    std::optional<JsonPath> m_total_path;  // nothing when the provider gives none
    std::optional<JsonPath> m_total_pages_path;
    std::string m_total_header;  // "" when the provider gives none
    std::string m_total_pages_header;
    std::int64_t m_page;
    std::int64_t m_records = 0;
    std::optional<std::int64_t> m_total_pages;  // as the latest page said; not kept across a resume
};

PagingKind page_paging();

}  // namespace apirunner
