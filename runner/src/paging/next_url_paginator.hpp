// Next-URL paging: each page gives the URL of the next, in the body (`next` is its path) or in
// an RFC 8288 Link header with rel="next". Relative URLs resolve against the page's URL. A URL on
// another origin is refused (the credentials would follow it), and one seen before is a loop.
// An empty page with a new URL is followed, as for cursors (Graph's delta query).
// has_more/last_page, where set, say when the walk ends; a page that says more follow, or a
// full first page with nothing at `next`, without a next URL fails the job.
#pragma once

#include "paging/paginator.hpp"

namespace apirunner {

class NextUrlPaginator : public Paginator {
  public:
    explicit NextUrlPaginator(const PagingSpec& spec);
    std::optional<PageRequest> next() override;
    void accept(const Page& page) override;
    // `url` must be absolute; PageRequests refuses one on another origin than the provider's.
    bool start_from(const std::string& url) override;

  protected:
    void save_position(Poco::JSON::Object& position) const override;
    void restore_position(const Poco::JSON::Object& position) override;

  private:
    PageParams m_size_param;  // sent with the first request only: the next URLs carry their own
    std::optional<JsonPath> m_next_path;  // nothing: the Link header
    std::optional<std::string> m_next;    // nothing before the first page
    std::int64_t m_empty_in_a_row = 0;    // empty pages just before this one
};

PagingKind next_url_paging();

// `next` (a next-page link, a delta link) resolved against the page it came on, as absolute URL
// text. Throws Error(bad_data) when it is not a URL, is on another origin than the page, or holds
// a space or control character (it would split the request line).
std::string url_on_page_origin(const std::string& page_url, const std::string& next);

// The target of the rel="next" link of a Link header value, if any.
std::optional<std::string> link_next(const std::string& link_header);

}  // namespace apirunner
