#include "airtable_simulator.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>

namespace sandbox {
namespace {

void airtable_error(Exchange& exchange, int status, const std::string& type,
                    const std::string& message) {
    Poco::JSON::Object::Ptr error = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    error->set("type", type);
    error->set("message", message);
    Poco::JSON::Object body;
    body.set("error", error);
    exchange.json(status, body);
}

std::string record_id(std::int64_t index) { return "rec" + std::to_string(100000000 + index); }

Poco::JSON::Object::Ptr record(std::int64_t index) {
    Poco::JSON::Object::Ptr fields = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    fields->set("Name", "Task " + std::to_string(index + 1));
    fields->set("Done", index % 2 == 0);
    Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    item->set("id", record_id(index));
    item->set("createdTime", "2026-01-01T00:00:00.000Z");
    item->set("fields", fields);
    return item;
}

// "itrXXXX/recNNN": the position is the number after the slash, less the id base.
std::string offset_at(std::int64_t position) { return "itr7Vd2cNkq3H1xZa/" + record_id(position); }

std::optional<std::int64_t> position_of(const std::string& offset) {
    const auto slash = offset.find("/rec");
    Poco::Int64 number = 0;
    if (offset.rfind("itr", 0) != 0 || slash == std::string::npos ||
        !Poco::NumberParser::tryParse64(offset.substr(slash + 4), number) || number < 100000000) {
        return std::nullopt;
    }
    return number - 100000000;
}

}  // namespace

void AirtableSimulator::handle(const std::string&, Exchange& exchange) {
    if (exchange.bearer() != k_token) {
        log_event("airtable", "401: authentication required");
        airtable_error(exchange, 401, "AUTHENTICATION_REQUIRED", "Authentication required");
    } else if (exchange.path() == k_table && exchange.method() == "GET") {
        records(exchange);
    } else {
        airtable_error(exchange, 404, "NOT_FOUND", "Could not find what you are looking for");
    }
}

void AirtableSimulator::records(Exchange& exchange) {
    if (!m_window.admit(5)) {
        log_event("airtable", "429: over 5 requests a second");
        airtable_error(exchange, 429, "RATE_LIMIT_REACHED",
                       "Rate limit exceeded. Please try again later");
        return;
    }
    Poco::Int64 page_size = 100;
    if (!Poco::NumberParser::tryParse64(exchange.query("pageSize", "100"), page_size) ||
        page_size < 1 || page_size > 100) {
        airtable_error(exchange, 422, "INVALID_REQUEST_UNKNOWN",
                       "Invalid request: parameter validation failed. Check your request data.");
        return;
    }
    std::int64_t start = 0;
    if (!exchange.query("offset").empty()) {
        const auto position = position_of(exchange.query("offset"));
        if (!position) {
            airtable_error(exchange, 422, "LIST_RECORDS_ITERATOR_NOT_AVAILABLE",
                           "The offset is not valid.");
            return;
        }
        start = *position;
    }
    const Dataset::View view = m_dataset.next_page();
    const std::int64_t end = std::min(view.total, start + page_size);
    log_event("airtable", "records " + std::to_string(start) + ".." + std::to_string(end));
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (std::int64_t position = start; position < end; ++position) {
        list->add(record(view.index_at(position)));
    }
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("records", list);
    if (end < view.total) {
        body.set("offset", offset_at(end));
    }
    exchange.json(200, body);
}

}  // namespace sandbox
