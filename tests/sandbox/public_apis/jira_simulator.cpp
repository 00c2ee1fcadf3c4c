#include "jira_simulator.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>

namespace sandbox {
namespace {

void jira_error(Exchange& exchange, int status, const std::string& message) {
    Poco::JSON::Array::Ptr messages = new Poco::JSON::Array;
    messages->add(message);
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("errorMessages", messages);
    body.set("errors", Poco::JSON::Object::Ptr(new Poco::JSON::Object));
    exchange.json(status, body);
}

Poco::JSON::Object::Ptr project(const std::string& root, std::int64_t index) {
    const std::string id = std::to_string(10000 + index);
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    record->set("self", root + "/project/" + id);
    record->set("id", id);
    record->set("key", "P" + std::to_string(index + 1));
    record->set("name", "Project " + std::to_string(index + 1));
    record->set("projectTypeKey", index % 2 ? "business" : "software");
    return record;
}

}  // namespace

void JiraSimulator::handle(const std::string&, Exchange& exchange) {
    if (exchange.path() == "/rest/api/3/project/search" && exchange.method() == "GET") {
        projects(exchange);
    } else {
        jira_error(exchange, 404, "No resource found at " + exchange.path());
    }
}

void JiraSimulator::projects(Exchange& exchange) {
    const auto basic = exchange.basic();
    if (!basic || basic->first != k_email || basic->second != k_api_token) {
        log_event("jira", "401: no valid email and API token");
        exchange.header_out("WWW-Authenticate", R"(Basic realm="protected-area")");
        jira_error(exchange, 401, "Client must be authenticated to access this resource.");
        return;
    }
    Poco::Int64 start = 0;
    Poco::Int64 max = 50;
    if (!Poco::NumberParser::tryParse64(exchange.query("startAt", "0"), start) || start < 0 ||
        !Poco::NumberParser::tryParse64(exchange.query("maxResults", "50"), max) || max < 0) {
        jira_error(exchange, 400, "startAt and maxResults must be whole numbers, 0 or more.");
        return;
    }
    max = std::min(max, k_max_results);
    const Dataset::View view = m_dataset.next_page();
    const std::int64_t end = std::min(view.total, start + max);
    log_event("jira", "projects " + std::to_string(start) + ".." + std::to_string(end));
    const std::string root = "http://" + exchange.header("Host") + "/jira/rest/api/3";
    Poco::JSON::Array::Ptr values = new Poco::JSON::Array;
    for (std::int64_t position = start; position < end; ++position) {
        values->add(project(root, view.index_at(position)));
    }
    const bool last = end >= view.total;
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("self", root + "/project/search?startAt=" + std::to_string(start) +
                         "&maxResults=" + std::to_string(max));
    if (!last) {
        body.set("nextPage", root + "/project/search?startAt=" + std::to_string(end) +
                                 "&maxResults=" + std::to_string(max));
    }
    body.set("maxResults", max);
    body.set("startAt", start);
    body.set("total", view.total);
    body.set("isLast", last);
    body.set("values", values);
    exchange.json(200, body);
}

}  // namespace sandbox
