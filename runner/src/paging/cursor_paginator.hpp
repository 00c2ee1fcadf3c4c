// Cursor paging: each page names the cursor of the next (`cursor` is its path in the body, or in
// its last record: `data[-1].id`), sent back as `cursor_param`. Stops when there is no next
// cursor or on an empty page, or as has_more/last_page say; a cursor seen before stops the run
// as a loop. A page that says more follow, or a full first page, without a cursor fails the job.
#pragma once

#include "paging/paginator.hpp"

namespace apirunner {

class CursorPaginator : public Paginator {
  public:
    explicit CursorPaginator(const PagingSpec& spec);
    std::optional<PageRequest> next() override;
    void accept(const Page& page) override;

  protected:
    void save_position(Poco::JSON::Object& position) const override;
    void restore_position(const Poco::JSON::Object& position) override;

  private:
    PageParams m_size_param;
    std::string m_cursor_param;
    JsonPath m_cursor_path;
    std::optional<std::string> m_cursor;  // nothing before the first page
};

PagingKind cursor_paging();

}  // namespace apirunner
