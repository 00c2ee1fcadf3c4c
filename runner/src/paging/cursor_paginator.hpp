// Cursor paging: each page names the cursor of the next (`cursor` is its path in the body, or in
// its last record: `data[-1].id`), sent back as `cursor_param`. Stops when there is no next
// cursor, on an empty page whose cursor points back to one already sent, after five empty pages
// in a row, or as has_more/last_page say; an empty page with a new cursor is followed (Google,
// AWS). A cursor seen before stops the run as a loop. A page that says more follow, or a full
// first page, without a cursor fails the job.
#pragma once

#include "paging/paginator.hpp"

namespace apirunner {

class CursorPaginator : public Paginator {
  public:
    explicit CursorPaginator(const PagingSpec& spec);
    std::optional<PageRequest> next() override;
    void accept(const Page& page) override;
    bool start_from(const std::string& cursor) override;

  protected:
    void save_position(Poco::JSON::Object& position) const override;
    void restore_position(const Poco::JSON::Object& position) override;

  private:
    PageParams m_size_param;
    std::string m_cursor_param;
    JsonPath m_cursor_path;
    std::optional<std::string> m_cursor;  // nothing before the first page
    std::int64_t m_empty_in_a_row = 0;    // empty pages just before this one
};

PagingKind cursor_paging();

}  // namespace apirunner
