#include "github_simulator.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>
#include <Poco/URI.h>

#include <algorithm>
#include <ctime>
#include <sstream>

namespace sandbox {
namespace {

void github_error(Exchange& exchange, int status, const std::string& message) {
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("message", message);
    body.set("documentation_url", "https://docs.github.com/rest");
    body.set("status", std::to_string(status));
    exchange.json(status, body);
}

std::string iso8601(std::int64_t epoch_s) {
    return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(epoch_s),
                                           Poco::DateTimeFormat::ISO8601_FORMAT);
}

std::string link(const std::string& base, const std::string& query, std::int64_t page,
                 const char* rel) {
    return "<" + base + "?" + query + "page=" + std::to_string(page) + ">; rel=\"" + rel + "\"";
}

}  // namespace

GitHubSimulator::Issue GitHubSimulator::issue_at(std::int64_t index) const {
    const auto changed = m_changed.find(index);
    const std::int64_t created =
        index < k_added_from ? m_first_created + 60 * index : m_added_at.at(index - k_added_from);
    return {index, created, changed == m_changed.end() ? created : changed->second.first,
            changed == m_changed.end() ? 0 : changed->second.second};
}

Poco::JSON::Object::Ptr GitHubSimulator::record(const Issue& issue) {
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    record->set("id", 1000000 + issue.index);
    record->set("number", issue.index + 1);
    record->set("title", "Issue " + std::to_string(issue.index + 1) +
                             (issue.revision ? " (edited " + std::to_string(issue.revision) + ")"
                                             : std::string()));
    record->set("state", issue.index % 4 ? "open" : "closed");
    record->set("created_at", iso8601(issue.created));
    record->set("updated_at", iso8601(issue.updated));
    return record;
}

void GitHubSimulator::handle(const std::string&, Exchange& exchange) {
    const std::string token = exchange.bearer();
    const std::string version = exchange.header("X-GitHub-Api-Version");
    if (!token.empty() && token != k_token) {
        log_event("github", "401: bad credentials");
        github_error(exchange, 401, "Bad credentials");
    } else if (!version.empty() && version != "2022-11-28") {
        github_error(exchange, 400, "Unsupported 'X-GitHub-Api-Version' header: " + version);
    } else if (exchange.path() == k_issues && exchange.method() == "GET" && !token.empty()) {
        issues(exchange);
    } else if (exchange.path() == k_changes && exchange.method() == "POST") {
        change(exchange);
    } else {
        github_error(exchange, 404,
                     "Not Found");  // a private repository, to someone without a token
    }
}

// The issues in the order asked (created, the default, or updated with `sort`), since a time.
std::optional<std::vector<GitHubSimulator::Issue>> GitHubSimulator::listed(Exchange& exchange) {
    std::optional<std::int64_t> since;
    if (!exchange.query("since").empty()) {
        Poco::DateTime at;
        int zone = 0;
        if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FORMAT,
                                            exchange.query("since"), at, zone)) {
            exchange.json_text(422, R"({"message":"Validation Failed","errors":[{"resource":)"
                                    R"("Issue","field":"since","code":"invalid"}],)"
                                    R"("documentation_url":"https://docs.github.com/rest"})");
            return std::nullopt;
        }
        since = at.timestamp().epochTime() - zone;
    }
    const Dataset::View view = m_dataset.next_page();
    std::vector<Issue> issues;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        for (std::int64_t position = 0; position < view.total; ++position) {
            issues.push_back(issue_at(view.index_at(position)));
        }
        for (std::size_t i = 0; i < m_added_at.size(); ++i) {
            issues.push_back(issue_at(k_added_from + static_cast<std::int64_t>(i)));
        }
    }
    if (since) {
        issues.erase(std::remove_if(issues.begin(), issues.end(),
                                    [&](const Issue& issue) { return issue.updated < *since; }),
                     issues.end());
    }
    if (exchange.query("sort") == "updated") {
        const bool ascending = exchange.query("direction") == "asc";
        std::stable_sort(issues.begin(), issues.end(), [&](const Issue& a, const Issue& b) {
            return ascending ? a.updated < b.updated : b.updated < a.updated;
        });
    }
    return issues;
}

void GitHubSimulator::issues(Exchange& exchange) {
    Poco::Int64 page = 1;
    Poco::Int64 per_page = 30;
    Poco::NumberParser::tryParse64(exchange.query("page", "1"), page);
    Poco::NumberParser::tryParse64(exchange.query("per_page", "30"), per_page);
    page = std::max<Poco::Int64>(1, page);
    per_page = std::clamp<Poco::Int64>(per_page, 1, 100);  // GitHub caps it, quietly
    const auto issues = listed(exchange);
    if (!issues) {
        return;
    }
    const auto total = static_cast<std::int64_t>(issues->size());
    const std::int64_t last = std::max<std::int64_t>(1, (total + per_page - 1) / per_page);
    const std::int64_t start = (page - 1) * per_page;
    const std::int64_t end = std::min(total, start + per_page);
    log_event("github", "issues page " + std::to_string(page));
    Poco::JSON::Array list;
    for (std::int64_t position = start; position < end; ++position) {
        list.add(record((*issues)[static_cast<std::size_t>(position)]));
    }
    // The links keep every parameter of the request but the page.
    std::string query;
    for (const auto& [name, value] : Poco::URI(exchange.raw_uri()).getQueryParameters()) {
        if (name != "page") {
            std::string encoded;
            Poco::URI::encode(value, "?#/:;+@&=", encoded);
            query += name + "=" + encoded + "&";
        }
    }
    const std::string base = "http://" + exchange.header("Host") + "/github" + k_issues;
    std::string links;
    if (page < last) {
        links = link(base, query, page + 1, "next") + ", " + link(base, query, last, "last");
    }
    if (page > 1) {
        links += std::string(links.empty() ? "" : ", ") + link(base, query, page - 1, "prev") +
                 ", " + link(base, query, 1, "first");
    }
    if (!links.empty()) {
        exchange.header_out("Link", links);
    }
    exchange.header_out("X-RateLimit-Limit", "5000");
    exchange.header_out("X-RateLimit-Remaining", "4999");
    exchange.header_out("X-RateLimit-Reset", std::to_string(std::time(nullptr) + 3600));
    exchange.header_out("X-RateLimit-Resource", "core");
    std::ostringstream body;
    list.stringify(body);
    exchange.json_text(200, body.str());
}

void GitHubSimulator::change(Exchange& exchange) {
    Poco::Int64 updated = 0;
    Poco::Int64 added = 0;
    if (!Poco::NumberParser::tryParse64(exchange.query("updated", "0"), updated) ||
        !Poco::NumberParser::tryParse64(exchange.query("added", "0"), added) || updated < 0 ||
        added < 0 || updated > m_options.records) {
        exchange.json_text(400,
                           R"({"message":"updated (at most --records) and added are counts"})");
        return;
    }
    const std::int64_t now = std::time(nullptr);
    const std::int64_t step = updated ? std::max<std::int64_t>(1, m_options.records / updated) : 1;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        for (std::int64_t k = 0; k < updated; ++k) {
            auto& change = m_changed[(k * step) % m_options.records];
            change = {now, change.second + 1};
        }
        m_added_at.insert(m_added_at.end(), static_cast<std::size_t>(added), now);
    }
    log_event("github", "changes: " + std::to_string(updated) + " issues updated, " +
                            std::to_string(added) + " added");
    exchange.json_text(200, "{\"updated\":" + std::to_string(updated) +
                                ",\"added\":" + std::to_string(added) + "}");
}

}  // namespace sandbox
