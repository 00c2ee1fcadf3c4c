// The fetching half of a job's walk, on a thread of its own while the job's thread writes: asks
// the paginator for each request, fetches and parses the page (again when it came cut short),
// lets the paginator learn from it, and queues it with the paging position after it. Parsing
// and the network overlap with the writes and fsyncs of the pages before.
//
// With more than one client (`paging.concurrency`), the pages the paginator can plan ahead
// (Paginator::ahead) are on their way at once, one client each, a new one sent as soon as the
// oldest lands. They are still accepted and queued in order, and each is kept only while it is
// what the paginator plans from where the walk is: a short page that moves the offsets drops
// the requests after it, which are sent again from where the walk really is.
#pragma once

#include "config/jobs_config.hpp"
#include "extract/page_parser.hpp"
#include "extract/page_queue.hpp"
#include "paging/paginator.hpp"
#include "plugins/authorized_client.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace apirunner {

struct FetchedPage {
    ParsedPage page;
    std::int64_t number = 0;  // counts from 1 over the whole run, pages before a resume included
    std::string paging;       // the paginator's position after this page, for the checkpoint
    Totals totals;            // the record totals the provider announced up to this page
};

struct FetchPlan {
    const JobSpec& job;
    std::string base_url;
    std::int64_t first_number = 1;
    bool first_page_only = false;  // a dry run
    PageParams fixed = {};         // sent with every page: an incremental job's range
};

// Queues every page until the walk ends, the writer cancels the queue, or a stop signal. Throws
// Error naming the page when one cannot be fetched or parsed; the queue is not closed.
// `clients` holds one client a page fetched at once: one, or `paging.concurrency`.
void fetch_pages(const std::vector<std::unique_ptr<AuthorizedClient>>& clients,
                 Paginator& paginator, const FetchPlan& plan, PageQueue<FetchedPage>& queue);

// "page 3 of /api/v3.0/organizations: ", the start of every message about one page.
std::string page_where(const JobSpec& job, std::int64_t page_number);

}  // namespace apirunner
