// The paginator of an incremental job that needs more than its paging kind: it walks the run's
// range in consecutive windows (`window: 7d`, for APIs that refuse wider ranges), each a whole
// walk of the job's paging kind with the window's bounds as `param` and `end_param`, its
// position checkpointed with the window's, so that a year's backfill resumes at its window; and
// for lists newest first (`order: descending`) it ends a walk after the first page whose records
// are all older than the range's start, without fetching the rest.
#pragma once

#include "incremental/bookmark.hpp"
#include "incremental/incremental_spec.hpp"
#include "paging/paginator.hpp"

#include <memory>
#include <optional>

namespace apirunner {

class IncrementalPaginator : public Paginator {
  public:
    // `from` and `to` bound the run's range; windows need both.
    IncrementalPaginator(const PagingSpec& paging, const IncrementalSpec& spec,
                         std::optional<Bookmark> from, std::optional<Bookmark> to);

    std::optional<PageRequest> next() override;
    void accept(const Page& page) override;
    std::vector<PageRequest> ahead(std::size_t n) override;
    const Totals& totals() const override { return m_inner->totals(); }
    void end_walk() override { m_inner->end_walk(); }  // this window's walk, not the run's

  protected:
    void save_position(Poco::JSON::Object& position) const override;
    void restore_position(const Poco::JSON::Object& position) override;

  private:
    std::int64_t window_count() const;
    // The window's bounds, where incremental.inject says.
    PageParams window_params() const;
    PageRequest with_window(PageRequest request) const;
    // Whether every record of the page is older than the range's start (descending order).
    bool behind_range(const Page& page) const;

    const PagingSpec& m_paging;
    const IncrementalSpec& m_spec;
    BookmarkFormat m_format;
    JsonPath m_records;
    JsonPath m_cursor;
    std::optional<Bookmark> m_from;
    std::optional<Bookmark> m_to;
    std::int64_t m_window = 0;  // the window being walked, from 0
    std::unique_ptr<Paginator> m_inner;
};

}  // namespace apirunner
