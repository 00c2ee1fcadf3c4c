// The HTTP request of one page: the job's request (path, query, headers, JSON body) with the
// paging values where `paging.inject` puts them: the query (the default), the body's top level
// (counts as JSON numbers, a cursor as a string) or headers. A URL the provider gave (next_url
// paging) is used as it is, with the job's headers and body.
#pragma once

#include "config/jobs_config.hpp"
#include "paging/paginator.hpp"

#include <apirunner/http.hpp>

#include <string>

namespace apirunner {

HttpRequest page_request(const std::string& base_url, const JobSpec& job,
                         const PageRequest& paging);

}  // namespace apirunner
