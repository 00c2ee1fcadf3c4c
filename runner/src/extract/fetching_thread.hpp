// The fetching half of a job's walk (fetch_pages) on a thread of its own, owned like any other
// resource: destroying it cancels the queue and joins the thread, so no fetching outlives the
// paginator, clients and queue it uses, whichever way the writer leaves.
#pragma once

#include "extract/page_fetcher.hpp"

#include <exception>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace apirunner {

class FetchingThread {
  public:
    // Starts fetching into `queue`; `clients`, `paginator`, `plan` and `queue` must outlive it.
    // The thread's log lines carry the job, its provider and `run_id`.
    FetchingThread(const std::vector<std::unique_ptr<AuthorizedClient>>& clients,
                   Paginator& paginator, const FetchPlan& plan, PageQueue<FetchedPage>& queue,
                   std::string run_id);
    ~FetchingThread();
    FetchingThread(const FetchingThread&) = delete;
    FetchingThread& operator=(const FetchingThread&) = delete;

    // Waits for the walk to end (the queue closed and drained by the writer first); rethrows
    // what stopped the fetching, if anything did.
    void finish();

  private:
    PageQueue<FetchedPage>& m_queue;
    std::exception_ptr m_error;  // written by the thread before it closes the queue
    std::thread m_thread;
};

}  // namespace apirunner
