#include "extract/page_fetcher.hpp"

#include "extract/page_request.hpp"

#include "extract/stop_request.hpp"
#include "log/log_context.hpp"

#include <deque>
#include <future>

namespace apirunner {
namespace {

// A page as it came: its parsed records, its headers and final URL for the paginator.
struct Arrival {
    ParsedPage page;
    HttpResponse response;
    bool past_end = false;  // a status of request.end_on_status came instead of a page
};

// The page requests on their way, oldest first, each on a client of its own. With one client
// a request is sent when its page is wanted, on the fetching thread; with more, each on a thread
// of its own as soon as it is planned. Pages are parsed on the fetching thread as they land, by
// its one parser.
class Flight {
  public:
    Flight(const std::vector<std::unique_ptr<AuthorizedClient>>& clients, const FetchPlan& plan)
        : m_clients(clients),
          m_plan(plan),
          m_page_requests(plan.base_url, plan.job, plan.fixed),
          m_rules{plan.job.request.idempotent, plan.job.request.end_on_status},
          m_records(JsonPath::parse(plan.job.paging.records())),
          m_context(log_context()) {
        for (std::size_t i = 0; i < clients.size(); ++i) {
            m_free.push_back(i);
        }
    }

    // Keeps the requests on their way as far as they agree with `planned` (the requests from
    // the walk's position on), drops the others, and sends the planned ones not on their way yet.
    void follow(const std::vector<PageRequest>& planned) {
        std::size_t agreed = 0;
        while (agreed < m_requests.size() && agreed < planned.size() &&
               m_requests[agreed].request == planned[agreed]) {
            ++agreed;
        }
        while (m_requests.size() > agreed) {
            const std::size_t client = m_requests.back().client;
            m_requests.pop_back();  // waits for an answer nobody will read
            m_free.push_back(client);
        }
        for (std::size_t i = agreed; i < planned.size() && !m_free.empty(); ++i) {
            send(planned[i]);
        }
    }

    bool empty() const { return m_requests.empty(); }

    // The oldest page, `number`, when it has come, parsed. Throws what its fetch threw.
    Arrival land(std::int64_t number) {
        InFlight oldest = std::move(m_requests.front());
        m_requests.pop_front();
        try {
            Arrival arrival = parse_or_refetch(*m_clients[oldest.client], oldest.http, number,
                                               oldest.response.get());
            m_free.push_back(oldest.client);
            return arrival;
        } catch (...) {
            m_free.push_back(oldest.client);
            throw;
        }
    }

  private:
    // The page `response` answered, parsed. A 2xx whose JSON does not parse is a page cut short
    // more often than a provider that changed its mind, so it is fetched again like any
    // transient failure.
    Arrival parse_or_refetch(AuthorizedClient& client, const HttpRequest& request,
                             std::int64_t page_number, HttpResponse response) const {
        if (response.status < 200 || response.status >= 300) {
            return Arrival{parse_page("[]", JsonPath()), std::move(response), true};
        }
        for (int attempt = 1;; ++attempt) {
            try {
                ParsedPage page = parse_page(response.body, m_records);
                return Arrival{std::move(page), std::move(response)};
            } catch (const Error& error) {
                const std::string where = page_where(m_plan.job, page_number);
                if (!client.may_retry(attempt)) {
                    throw Error(error.kind(), where + error.what());
                }
                client.back_off(attempt, where + error.what() + "; fetching it again");
                response = client.send(request, m_rules);
            }
        }
    }

    struct InFlight {
        PageRequest request;
        HttpRequest http;
        std::size_t client;
        std::future<HttpResponse> response;
    };

    void send(const PageRequest& request) {
        const std::size_t client = m_free.back();
        m_free.pop_back();
        HttpRequest http = m_page_requests.make(request);
        auto fetch = [this, http, client] {
            const JobLogScope scope(m_context.job, m_context.provider);
            set_log_run_id(m_context.run_id);
            return m_clients[client]->send(http, m_rules);
        };
        const auto policy = m_clients.size() == 1 ? std::launch::deferred : std::launch::async;
        m_requests.push_back(
            {request, std::move(http), client, std::async(policy, std::move(fetch))});
    }

    const std::vector<std::unique_ptr<AuthorizedClient>>& m_clients;
    const FetchPlan& m_plan;
    const PageRequests m_page_requests;
    const SendRules m_rules;
    const JsonPath m_records;
    const LogContext m_context;
    std::vector<std::size_t> m_free;  // clients with no request on their way
    std::deque<InFlight> m_requests;
};

}  // namespace

std::string page_where(const JobSpec& job, std::int64_t page_number) {
    return "page " + std::to_string(page_number) + " of " + job.request.path + ": ";
}

void fetch_pages(const std::vector<std::unique_ptr<AuthorizedClient>>& clients,
                 Paginator& paginator, const FetchPlan& plan, PageQueue<FetchedPage>& queue) {
    Flight flight(clients, plan);
    for (std::int64_t number = plan.first_number;; ++number) {
        flight.follow(paginator.ahead(clients.size()));
        if (flight.empty()) {
            return;  // the walk is over
        }
        if (const int signal = stop_signal()) {
            throw Error(ErrorKind::temporary, std::string("stopped by ") + signal_name(signal));
        }
        Arrival arrival = flight.land(number);
        FetchedPage fetched;
        fetched.page = std::move(arrival.page);
        if (arrival.past_end) {
            paginator.end_walk();
        } else {
            paginator.accept(Page{fetched.page.body, fetched.page.records.size(),
                                  arrival.response.headers, arrival.response.url});
        }
        fetched.number = number;
        fetched.paging = paginator.save();
        fetched.totals = paginator.totals();
        if (!queue.push(std::move(fetched)) || plan.first_page_only) {
            return;
        }
    }
}

}  // namespace apirunner
