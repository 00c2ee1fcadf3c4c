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
            HttpResponse response = client.send(request);
            ParsedPage page;
            try {
                page = parse_page(response.body, job.paging.records);
            } catch (const Error& error) {
                throw Error(error.kind(), "page " + std::to_string(result.pages + 1) + " of " +
                                              job.request.path + ": " + error.what());
            }
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
