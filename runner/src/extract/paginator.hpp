// How a job walks an endpoint's pages. A paginator names the query of the next page and learns
// from each page that came back; the job loop does the fetching.
#pragma once

#include "config/jobs_config.hpp"

#include <Poco/Dynamic/Var.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace apirunner {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

struct Page {
    const Poco::Dynamic::Var& body;
    std::size_t record_count;
};

class Paginator {
public:
    virtual ~Paginator() = default;
    // The paging parameters of the next request, or nothing when the walk is over.
    virtual std::optional<QueryParams> next() = 0;
    // Takes the page the last next() asked for. Throws Error(bad_data) when the walk loops.
    virtual void accept(const Page& page) = 0;
    // A line about anything odd seen on the way (a total that changed), or "".
    virtual std::string drift() const { return ""; }
};

std::unique_ptr<Paginator> make_paginator(const PagingSpec& spec);

}  // namespace apirunner
