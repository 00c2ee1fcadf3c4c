#include "extract/fetching_thread.hpp"

#include "log/log_context.hpp"

namespace apirunner {

FetchingThread::FetchingThread(const std::vector<std::unique_ptr<AuthorizedClient>>& clients,
                               Paginator& paginator, const FetchPlan& plan,
                               PageQueue<FetchedPage>& queue, std::string run_id)
    : m_queue(queue) {
    m_thread = std::thread([this, &clients, &paginator, &plan, run_id = std::move(run_id)] {
        const JobLogScope log_scope(plan.job.name, plan.job.provider);
        set_log_run_id(run_id);
        try {
            fetch_pages(clients, paginator, plan, m_queue);
        } catch (...) {
            m_error = std::current_exception();
        }
        m_queue.close();
    });
}

FetchingThread::~FetchingThread() {
    if (m_thread.joinable()) {
        m_queue.cancel();
        m_thread.join();
    }
}

void FetchingThread::finish() {
    m_thread.join();
    if (m_error) {
        std::rethrow_exception(m_error);
    }
}

}  // namespace apirunner
