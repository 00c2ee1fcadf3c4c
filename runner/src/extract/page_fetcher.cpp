#include "extract/page_fetcher.hpp"

#include "extract/stop_request.hpp"

#include <Poco/URI.h>

namespace apirunner {
namespace {

std::string page_url(const std::string& base_url, const RequestSpec& request, const PageRequest& paging) {
    if (paging.url) {
        return *paging.url;  // the provider's own next-page URL carries every parameter
    }
    Poco::URI uri(base_url + request.path);
    for (const auto& [name, value] : request.params) {
        uri.addQueryParameter(name, value);
    }
    for (const auto& [name, value] : paging.params) {
        uri.addQueryParameter(name, value);
    }
    return uri.toString();
}

// One page, fetched and parsed. A 2xx whose JSON does not parse is a page cut short more often
// than a provider that changed its mind, so it is fetched again like any transient failure.
ParsedPage fetch_page(AuthorizedClient& client, const HttpRequest& request, const JobSpec& job,
                      std::int64_t page_number, HttpResponse& response) {
    for (int attempt = 1;; ++attempt) {
        response = client.send(request);
        try {
            return parse_page(response.body, job.paging.records);
        } catch (const Error& error) {
            const std::string where = page_where(job, page_number);
            if (!client.may_retry(attempt)) {
                throw Error(error.kind(), where + error.what());
            }
            client.back_off(attempt, where + error.what() + "; fetching it again");
        }
    }
}

}  // namespace

std::string page_where(const JobSpec& job, std::int64_t page_number) {
    return "page " + std::to_string(page_number) + " of " + job.request.path + ": ";
}

void fetch_pages(AuthorizedClient& client, Paginator& paginator, const FetchPlan& plan,
                 PageQueue<FetchedPage>& queue) {
    for (std::int64_t number = plan.first_number; auto paging = paginator.next(); ++number) {
        if (const int signal = stop_signal()) {
            throw Error(ErrorKind::temporary, std::string("stopped by ") + signal_name(signal));
        }
        HttpRequest request;
        request.method = plan.job.request.method;
        request.url = page_url(plan.base_url, plan.job.request, *paging);
        request.set_header("Accept", "application/json");
        HttpResponse response;
        FetchedPage fetched;
        fetched.page = fetch_page(client, request, plan.job, number, response);
        paginator.accept(Page{fetched.page.body, fetched.page.records.size(), response.headers, response.url});
        fetched.number = number;
        fetched.paging = paginator.save();
        fetched.totals = paginator.totals();
        if (!queue.push(std::move(fetched)) || plan.first_page_only) {
            return;
        }
    }
}

}  // namespace apirunner
