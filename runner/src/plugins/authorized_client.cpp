#include "plugins/authorized_client.hpp"

#include "http/rate_limit_headers.hpp"
#include "log/redactor.hpp"

#include <apirunner/error.hpp>

#include <algorithm>

#include <Poco/URI.h>

#include <thread>

namespace apirunner {
namespace {

std::string describe(const HttpRequest& request, const HttpResponse& response) {
    std::string snippet = response.body.substr(0, 300);
    for (char& c : snippet) {
        c = (c == '\n' || c == '\r') ? ' ' : c;
    }
    return request.method + " " + Poco::URI(request.url).getPath() + " answered HTTP " +
           std::to_string(response.status) + (snippet.empty() ? "" : ": " + snippet);
}

}  // namespace

AuthorizedClient::AuthorizedClient(PluginSession& session, RetryPolicy policy, RateLimiter* limiter,
                                   std::function<bool()> stopping)
    : m_session(session),
      m_policy(policy),
      m_limiter(limiter),
      m_stopping(std::move(stopping)),
      m_random(std::random_device{}()) {}

HttpResponse AuthorizedClient::send_once(const HttpRequest& stamped) {
    if (m_limiter) {
        const auto waited = m_limiter->acquire();
        if (waited.count() > 0) {
            m_session.host().logger().log(
                LogLevel::debug, "rate_limit: waited " + std::to_string(waited.count()) + " ms");
        }
    }
    ++m_stats.requests;
    HttpResponse response = m_session.host().http().send(stamped);
    m_stats.bytes += static_cast<std::int64_t>(response.body.size());
    return response;
}

void AuthorizedClient::wait(std::int64_t ms, const std::string& why) {
    m_session.host().logger().log(LogLevel::info,
                                  why + "; waiting " + std::to_string(ms) + " ms before retrying");
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < until) {
        if (m_stopping()) {
            throw Error(ErrorKind::temporary, "stopped while waiting to retry (" + why + ")");
        }
        const auto left = until - std::chrono::steady_clock::now();
        std::this_thread::sleep_for(
            std::min<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(100)));
    }
}

void AuthorizedClient::back_off(int attempt, const std::string& why) {
    ++m_stats.retries;
    wait(m_policy.backoff_ms(attempt, m_random), why);
}

HttpResponse AuthorizedClient::attempt(const HttpRequest& request) {
    if (m_session.keep_alive_if_due()) {
        ++m_stats.refreshes;
    }
    HttpRequest stamped = request;
    const std::uint64_t stamped_at = m_session.stamp(stamped);
    HttpResponse response = send_once(stamped);
    if (response.status == 401) {
        // One recovery and one retry; a second 401 means the renewed credentials are refused.
        if (m_session.recover(response, stamped_at)) {
            ++m_stats.refreshes;
        }
        stamped = request;
        m_session.stamp(stamped);
        response = send_once(stamped);
        if (response.status == 401) {
            throw Error(ErrorKind::credentials,
                        "provider '" + m_session.provider() + "': " + describe(request, response) +
                            " even after renewing the session; check the credentials");
        }
    }
    return response;
}

HttpResponse AuthorizedClient::send(const HttpRequest& request, const SendRules& rules) {
    const bool idempotent =
        rules.resendable || (request.method != "POST" && request.method != "PATCH");
    std::int64_t waited_ms = 0;
    for (int attempt_number = 1;; ++attempt_number) {
        const bool last = !idempotent || attempt_number >= m_policy.max_attempts;
        std::optional<std::int64_t> hint;
        std::string failure;
        try {
            HttpResponse response = attempt(request);
            if ((response.status >= 200 && response.status < 300) ||
                std::count(rules.end_status.begin(), rules.end_status.end(), response.status)) {
                return response;
            }
            const std::int64_t now_s = m_session.host().clock().unix_seconds();
            const auto spent = spent_budget_wait_ms(response, now_s);
            const bool limited = response.status == 429 ||
                                 (response.status == 403 && forbidden_for_rate(response, spent));
            if (!limited && !m_policy.retries_status(response.status)) {
                const ErrorKind kind =
                    response.status == 403 ? ErrorKind::credentials : ErrorKind::bad_data;
                throw Error(kind, redactor().redact("provider '" + m_session.provider() +
                                                    "': " + describe(request, response)));
            }
            failure = describe(request, response) +
                      (limited && spent ? " (its rate limit is spent)" : "");
            hint = limited ? spent : std::nullopt;
            if (auto header = response.header("Retry-After")) {
                hint = std::max(hint.value_or(0), parse_retry_after_ms(*header, now_s).value_or(0));
            }
            if (limited && !hint.value_or(0)) {
                hint = m_policy.rate_limited_delay_ms;  // no word on how long: the job's floor
            }
        } catch (const Error& error) {
            if (error.kind() != ErrorKind::unavailable) {
                throw;
            }
            failure = error.what();
        }
        const std::int64_t delay =
            std::max(hint.value_or(0), m_policy.backoff_ms(attempt_number, m_random));
        if (!last && delay > m_policy.max_delay_ms) {
            throw Error(ErrorKind::temporary,
                        "provider '" + m_session.provider() + "' asked to wait " +
                            std::to_string(delay / 1000) + " s, longer than the limit; try later");
        }
        if (last || waited_ms + delay > m_policy.max_retry_time_ms) {
            const std::string limit =
                last ? ""
                     : " (retry.max_retry_time_ms: " + std::to_string(waited_ms / 1000) +
                           " s of waiting already)";
            throw Error(ErrorKind::unavailable,
                        redactor().redact("provider '" + m_session.provider() +
                                          "': gave up after " + std::to_string(attempt_number) +
                                          " attempts" + limit + ": " + failure));
        }
        ++m_stats.retries;
        wait(delay, failure);
        waited_ms += delay;
    }
}

}  // namespace apirunner
