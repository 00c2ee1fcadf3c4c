#include "github_simulator.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>

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

Poco::JSON::Object::Ptr issue(std::int64_t index) {
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    record->set("id", 1000000 + index);
    record->set("number", index + 1);
    record->set("title", "Issue " + std::to_string(index + 1));
    record->set("state", index % 4 ? "open" : "closed");
    return record;
}

std::string link(const std::string& base, std::int64_t page, std::int64_t per_page,
                 const char* rel) {
    return "<" + base + "?per_page=" + std::to_string(per_page) + "&page=" + std::to_string(page) +
           ">; rel=\"" + rel + "\"";
}

}  // namespace

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
    } else {
        github_error(exchange, 404,
                     "Not Found");  // a private repository, to someone without a token
    }
}

void GitHubSimulator::issues(Exchange& exchange) {
    Poco::Int64 page = 1;
    Poco::Int64 per_page = 30;
    Poco::NumberParser::tryParse64(exchange.query("page", "1"), page);
    Poco::NumberParser::tryParse64(exchange.query("per_page", "30"), per_page);
    page = std::max<Poco::Int64>(1, page);
    per_page = std::clamp<Poco::Int64>(per_page, 1, 100);  // GitHub caps it, quietly
    const Dataset::View view = m_dataset.next_page();
    const std::int64_t last = std::max<std::int64_t>(1, (view.total + per_page - 1) / per_page);
    const std::int64_t start = (page - 1) * per_page;
    const std::int64_t end = std::min(view.total, start + per_page);
    log_event("github", "issues page " + std::to_string(page));
    Poco::JSON::Array list;
    for (std::int64_t position = start; position < end; ++position) {
        list.add(issue(view.index_at(position)));
    }
    const std::string base = "http://" + exchange.header("Host") + "/github" + k_issues;
    std::string links;
    if (page < last) {
        links = link(base, page + 1, per_page, "next") + ", " + link(base, last, per_page, "last");
    }
    if (page > 1) {
        links += std::string(links.empty() ? "" : ", ") + link(base, page - 1, per_page, "prev") +
                 ", " + link(base, 1, per_page, "first");
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

}  // namespace sandbox
