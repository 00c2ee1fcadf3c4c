// How a job walks an endpoint's pages. A paginator says what the next request is and learns
// from each page that came back; the job loop does the fetching. Every paginator stops on an
// empty page and guards against a position that repeats and against more than max_pages.
// Its position can be saved after any page and restored in a later process (checkpoints).
#pragma once

#include "paging/json_path.hpp"
#include "paging/more_flag.hpp"
#include "paging/paging_kind.hpp"

#include <apirunner/http.hpp>

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace apirunner {

// Empty pages in a row that end a cursor or next-URL walk whatever their positions say.
constexpr std::int64_t k_empty_pages_at_most = 5;

// Where a request's values go (`paging.inject`, `incremental.inject`).
enum class Inject { query, body, header };
Inject inject_of(const PagingSpec& spec);
Inject inject_named(const std::string& where);  // "query", "body" or "header"

// One value of a request (a page size, an offset, a page number, a cursor, a bookmark), sent
// where `inject` says, or where `paging.inject` says when it is unset: in the query, the JSON
// body or a header.
struct PageParam {
    std::string name;
    std::string value;
    bool number = false;  // a count: a JSON number in a body, where a cursor stays a string
    std::optional<Inject> inject = std::nullopt;

    bool operator==(const PageParam& other) const {
        return name == other.name && value == other.value && number == other.number &&
               inject == other.inject;
    }
};
using PageParams = std::vector<PageParam>;

// The next request: the job's request with these paging values, or a URL the provider gave.
struct PageRequest {
    PageParams params;
    std::optional<std::string> url;  // used as it is, when set

    bool operator==(const PageRequest& other) const {
        return params == other.params && url == other.url;
    }
};

struct Page {
    JsonValue body;
    std::size_t record_count;
    const HeaderList& headers;
    const std::string& url;  // where the page came from
};

// The record total the provider announced: on the first page and on the latest one.
struct Totals {
    std::optional<std::int64_t> first;
    std::optional<std::int64_t> last;
};

// What every paginator shares: the page count and its cap, the loop guard, the totals seen.
class PageGuard {
  public:
    explicit PageGuard(std::int64_t max_pages) : m_max_pages(max_pages) {}
    // Throws when the cap is reached.
    void before_request() const;
    void counted() { ++m_pages; }
    // Throws when `position` (an offset, page, cursor or URL) was seen before in this walk.
    void first_visit(const std::string& position, const char* what);
    bool visited(const std::string& position) const { return m_seen.count(position) > 0; }
    void saw_total(std::optional<std::int64_t> total);
    std::int64_t pages() const { return m_pages; }
    std::int64_t pages_left() const { return m_max_pages - m_pages; }
    const Totals& totals() const { return m_totals; }

    void save(Poco::JSON::Object& position) const;
    void restore(const Poco::JSON::Object& position);

  private:
    std::int64_t m_max_pages;
    std::int64_t m_pages = 0;
    std::set<std::string> m_seen;
    std::deque<std::string>
        m_recent;  // the latest positions seen: what a checkpoint keeps of m_seen
    Totals m_totals;
};

// Not thread-safe: while a walk runs, the fetching thread alone uses it; the job's thread reads
// the totals once that thread has been joined.
class Paginator {
  public:
    Paginator(std::int64_t max_pages, const FieldValues& fields);
    virtual ~Paginator() = default;
    // The next request, or nothing when the walk is over. Throws Error(bad_data) past max_pages.
    virtual std::optional<PageRequest> next() = 0;
    // Takes the page the last next() asked for. Throws Error(bad_data) when the walk loops.
    virtual void accept(const Page& page) = 0;
    // The requests of up to `n` pages from here, when the pages before them need not be seen
    // first: offset and page paging once a total came, assuming pages as full as the last one.
    // Always the next() one at least, unless the walk is over. A guess: the caller checks each
    // against next() once the pages before it were accepted.
    virtual std::vector<PageRequest> ahead(std::size_t n);
    virtual const Totals& totals() const { return m_guard.totals(); }
    // Ends the walk where it is: an answer whose status means "past the end"
    // (request.end_on_status) came instead of a page.
    virtual void end_walk() { m_done = true; }
    // Starts the walk, before its first request, at a position the provider gave in an earlier
    // run (a token bookmark: a cursor, or a URL). False for kinds that have no such position.
    virtual bool start_from(const std::string& position) {
        (void)position;
        return false;
    }

    // The walk's position after the pages accepted so far, as JSON text, and back again.
    std::string save() const;
    // Throws Error(config) when the text is not a position this paginator saved.
    void restore(const std::string& saved);

  protected:
    virtual void save_position(Poco::JSON::Object& position) const = 0;
    virtual void restore_position(const Poco::JSON::Object& position) = 0;

    // The page's own word on whether more pages follow (has_more/last_page); nothing when unset.
    std::optional<bool> says_more(const Page& page) const {
        return m_more.more(page.body, m_guard.pages());
    }
    // For kinds that read the next position from the page: fails when the walk's first page is
    // full (as many records as the page size sent) yet has nothing at all at `path`, which is
    // then most likely wrong. `matched`: whether anything was there.
    void check_full_first_page(const Page& page, bool first, const JsonPath& path,
                               bool matched) const;
    // The error of a page that says more follow while the walk cannot tell where: names the
    // page (its number and the URL's path, never its query, which may hold a key) and `why`
    // ("has no cursor at 'next_cursor'").
    [[noreturn]] void fail_partial(const Page& page, const std::string& why) const;

    PageGuard m_guard;
    MoreFlag m_more;      // has_more or last_page, when the job sets one
    bool m_done = false;  // next() has nothing more to ask for

  private:
    std::optional<std::size_t> m_full_page;  // the page size sent, when the job sends one
};

// The paginator of the spec's kind (one request when the spec has no kind).
std::unique_ptr<Paginator> make_paginator(const PagingSpec& spec);

// Rows the kinds' tables share.
FieldSpec path_field(std::string name, std::string description);  // a path, checked; "" default
FieldSpec records_field();      // records: the path to the record array
FieldSpec max_pages_field();    // max_pages: the guard against endless paging
FieldTable page_size_fields();  // limit and limit_param
FieldSpec
concurrency_field();  // concurrency: pages on their way at once, for kinds that plan ahead
// The check of kinds that plan pages ahead: `concurrency` needs a total to plan from.
void check_planning(const FieldValues& values, YamlMap& map);
// The check of kinds that cannot plan ahead: `concurrency` above 1 is refused, saying why.
PagingKind::Check refuse_planning(const std::string& kind);
// The inject row of kinds that send paging values: where they go.
FieldSpec inject_field();
// The has_more and last_page rows (more_flag.hpp), and a kind's check with theirs added.
void add_more_flag(FieldTable& fields);
PagingKind::Check with_more_flag(PagingKind::Check check);
// A count a response header gives (X-Total-Count, X-WP-TotalPages): the named header (any case)
// holding a whole number, 0 or more. Nothing when `name` is "", or the header is absent or not
// a count.
std::optional<std::int64_t> header_count(const HeaderList& headers, const std::string& name);
// The total_header row (and total_pages_header for page paging).
FieldSpec header_field(std::string name, std::string description);

// The parsed path of a setting, or nothing when it is "".
std::optional<JsonPath> optional_path(const PagingSpec& spec, const std::string& name);
// The page-count cap every walk has.
std::int64_t max_pages(const PagingSpec& spec);

// An optional member of a saved position: written only when set, read back as nothing when absent.
template <typename T>
void save_optional(Poco::JSON::Object& position, const std::string& name,
                   const std::optional<T>& value) {
    if (value) {
        position.set(name, *value);
    }
}

template <typename T>
std::optional<T> restore_optional(const Poco::JSON::Object& position, const std::string& name) {
    if (!position.has(name)) {
        return std::nullopt;
    }
    return position.getValue<T>(name);
}

// The page size parameter (page_size_fields()), when the job sends one.
PageParams size_param(const PagingSpec& spec);

}  // namespace apirunner
