#include "hubspot_simulator.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/NumberParser.h>

namespace sandbox {
namespace {

void hubspot_error(Exchange& exchange, int status, const std::string& category,
                   const std::string& message) {
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("status", "error");
    body.set("message", message);
    body.set("correlationId", "3f4a9e2c-0000-4000-8000-000000000000");
    body.set("category", category);
    exchange.json(status, body);
}

Poco::JSON::Object::Ptr contact(std::int64_t index) {
    Poco::JSON::Object::Ptr properties = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    properties->set("email", "contact" + std::to_string(index + 1) + "@example.test");
    properties->set("lastmodifieddate", "2026-01-01T00:00:00.000Z");
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    record->set("id", std::to_string(5000 + index));  // HubSpot's ids are strings
    record->set("properties", properties);
    record->set("archived", false);
    return record;
}

}  // namespace

void HubSpotSimulator::handle(const std::string&, Exchange& exchange) {
    if (exchange.bearer() != k_token) {
        log_event("hubspot", "401: invalid token");
        hubspot_error(exchange, 401, "INVALID_AUTHENTICATION",
                      "Authentication credentials not found.");
    } else if (serves_data(exchange.path()) && exchange.method() == "POST") {
        search(exchange);
    } else {
        hubspot_error(exchange, 404, "OBJECT_NOT_FOUND", "Not found.");
    }
}

void HubSpotSimulator::search(Exchange& exchange) {
    Poco::JSON::Object::Ptr request;
    try {
        request = Poco::JSON::Parser().parse(exchange.body()).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception&) {
        hubspot_error(exchange, 400, "VALIDATION_ERROR", "Invalid input JSON on line 1");
        return;
    }
    Poco::Int64 limit = 10;
    if (request->has("limit") &&
        (!request->get("limit").isInteger() ||
         (limit = request->get("limit").convert<Poco::Int64>()) < 1 || limit > 200)) {
        hubspot_error(exchange, 400, "VALIDATION_ERROR", "limit must be a number from 1 to 200");
        return;
    }
    Poco::Int64 after = 0;
    if (request->has("after") &&
        (!request->get("after").isString() ||
         !Poco::NumberParser::tryParse64(request->get("after").toString(), after) || after < 0)) {
        hubspot_error(exchange, 400, "VALIDATION_ERROR", "after must be a cursor from paging");
        return;
    }
    const Dataset::View view = m_dataset.next_page();
    const std::int64_t reachable = std::min(view.total, k_search_cap);
    const std::int64_t end = std::min(reachable, after + limit);
    log_event("hubspot", "search " + std::to_string(after) + ".." + std::to_string(end));
    Poco::JSON::Array::Ptr results = new Poco::JSON::Array;
    for (std::int64_t position = after; position < end; ++position) {
        results->add(contact(view.index_at(position)));
    }
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("total", view.total);
    body.set("results", results);
    if (end < reachable) {
        Poco::JSON::Object::Ptr next = new Poco::JSON::Object;
        next->set("after", std::to_string(end));
        Poco::JSON::Object::Ptr paging = new Poco::JSON::Object;
        paging->set("next", next);
        body.set("paging", paging);
    }
    exchange.json(200, body);
}

}  // namespace sandbox
