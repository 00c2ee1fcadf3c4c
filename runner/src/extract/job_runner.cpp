#include "extract/job_runner.hpp"

#include "extract/offset_paginator.hpp"
#include "extract/page_parser.hpp"
#include "http/authorized_client.hpp"
#include "log/redactor.hpp"

#include <Poco/URI.h>

#include <chrono>

namespace apirunner {
namespace {

std::string page_url(const std::string& base_url, const RequestSpec& request,
                     const PageRequest& paging) {
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

struct FetchedPage {
    HttpResponse response;
    ParsedPage page;
};

// One page, fetched and parsed. A 2xx whose JSON does not parse is a page cut short more often
// than a provider that changed its mind, so it is fetched again like any transient failure.
FetchedPage fetch_page(AuthorizedClient& client, const HttpRequest& request, const JobSpec& job,
                       std::int64_t page_number) {
    for (int attempt = 1;; ++attempt) {
        FetchedPage fetched{client.send(request), {}};
        try {
            fetched.page = parse_page(fetched.response.body, job.paging.records);
            return fetched;
        } catch (const Error& error) {
            const std::string where = "page " + std::to_string(page_number) + " of " + job.request.path + ": ";
            if (!client.may_retry(attempt)) {
                throw Error(error.kind(), where + error.what());
            }
            client.back_off(attempt, where + error.what() + "; fetching it again");
        }
    }
}

}  // namespace

JobRunner::JobRunner(const JobsConfig& config, SessionPool& sessions)
    : m_config(config), m_sessions(sessions) {}

void JobRunner::walk(const JobSpec& job, const RunInfo& run, bool dry_run, JobResult& result) {
    const ProviderSpec& provider = m_config.providers.at(job.provider);
    PluginSession& session = m_sessions.session(job.provider);
    AuthorizedClient client(session, provider.retry);

    std::vector<std::unique_ptr<Sink>> sinks;
    if (!dry_run) {
        for (const auto& output : job.outputs) {
            sinks.push_back(make_sink(m_config.sinks.at(output.sink), output, job, run));
        }
    }
    auto paginator = make_paginator(job.paging);
    try {
        while (auto paging = paginator->next()) {
            HttpRequest request;
            request.method = job.request.method;
            request.url = page_url(provider.base_url, job.request, *paging);
            request.set_header("Accept", "application/json");
            auto [response, page] = fetch_page(client, request, job, result.pages + 1);
            for (auto& sink : sinks) {
                sink->write_page(page.records);
            }
            ++result.pages;
            result.records += static_cast<std::int64_t>(page.records.size());
            paginator->accept(Page{page.body, page.records.size(), response.headers, response.url});
            if (dry_run) {
                break;
            }
        }
        for (auto& sink : sinks) {
            sink->finish();
            result.outputs.push_back(sink->describe());
        }
    } catch (...) {
        for (auto& sink : sinks) {
            sink->abort();
        }
        result.retries = client.stats().retries;
        throw;
    }
    result.retries = client.stats().retries;
    result.drift = paginator->drift();
}

JobResult JobRunner::run(const JobSpec& job, const RunInfo& run, bool dry_run) {
    JobResult result;
    result.job = job.name;
    const auto started = std::chrono::steady_clock::now();
    try {
        walk(job, run, dry_run, result);
    } catch (const Error& error) {
        result.failure = error.kind();
        result.error = redactor().redact(error.what());
    } catch (const std::exception& error) {
        result.failure = ErrorKind::bad_data;
        result.error = redactor().redact(error.what());
    }
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace apirunner
