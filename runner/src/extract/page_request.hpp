// The HTTP requests of one job's pages: the job's request (path, query, headers, JSON body) with
// the paging values (and an incremental job's range) in the path where it names them
// (`/items/page/{page}`), the others where their inject setting puts them: the query (the
// default), the body's top level (counts as JSON numbers, a cursor as a string) or headers. A URL
// the provider gave (next_url paging) is used as it is, with the job's headers and body. Made once
// a run, so the job's body is parsed, and where the values go decided, once rather than for every
// page.
#pragma once

#include "config/jobs_config.hpp"
#include "paging/paginator.hpp"
#include "paging/path_template.hpp"

#include <apirunner/http.hpp>

#include <Poco/JSON/Object.h>

#include <string>

namespace apirunner {

class PageRequests {
  public:
    // `fixed` go with every request (an incremental job's range), each where it says.
    PageRequests(std::string base_url, const JobSpec& job, PageParams fixed = {});
    // Throws Error(bad_data) when a value the provider gave cannot go in a header.
    HttpRequest make(const PageRequest& paging) const;

  private:
    std::string url(const std::string& path, const PageParams& params) const;
    const std::string& provider_url(const std::string& url) const;
    std::string body(const PageParams& params) const;
    Inject where(const PageParam& param) const { return param.inject.value_or(m_inject); }

    std::string m_base_url;
    const RequestSpec& m_request;
    PathTemplate m_path;
    Inject m_inject;
    PageParams m_fixed;
    Poco::JSON::Object::Ptr m_body;  // the job's body parsed, when the paging values go in it
    bool m_names_content_type;       // the job's headers set their own (vnd.api+json, say)
};

}  // namespace apirunner
