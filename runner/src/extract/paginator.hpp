// How a job walks an endpoint's pages. A paginator says what the next request is and learns
// from each page that came back; the job loop does the fetching. Every paginator stops on an
// empty page and guards against a position that repeats and against more than max_pages.
#pragma once

#include "config/jobs_config.hpp"

#include <apirunner/http.hpp>

#include <Poco/Dynamic/Var.h>

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace apirunner {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// The next request: the job's URL with these paging parameters, or a URL the provider gave.
struct PageRequest {
    QueryParams params;
    std::optional<std::string> url;  // used as it is, when set
};

struct Page {
    const Poco::Dynamic::Var& body;
    std::size_t record_count;
    const HeaderList& headers;
    const std::string& url;  // where the page came from
};

class Paginator {
public:
    virtual ~Paginator() = default;
    // The next request, or nothing when the walk is over. Throws Error(bad_data) past max_pages.
    virtual std::optional<PageRequest> next() = 0;
    // Takes the page the last next() asked for. Throws Error(bad_data) when the walk loops.
    virtual void accept(const Page& page) = 0;
    // A line about anything odd seen on the way (a total that changed), or "".
    virtual std::string drift() const { return ""; }
};

std::unique_ptr<Paginator> make_paginator(const PagingSpec& spec);

// What every paginator shares: the page count and its cap, and the loop guard.
class PageGuard {
public:
    explicit PageGuard(std::int64_t max_pages) : m_max_pages(max_pages) {}
    // Throws when the cap is reached.
    void before_request() const;
    void counted() { ++m_pages; }
    // Throws when `position` (an offset, page, cursor or URL) was seen before in this walk.
    void first_visit(const std::string& position, const char* what);
    std::int64_t pages() const { return m_pages; }

private:
    std::int64_t m_max_pages;
    std::int64_t m_pages = 0;
    std::set<std::string> m_seen;
};

// The page size parameter, when the job sends one.
QueryParams size_param(const PagingSpec& spec);

}  // namespace apirunner
