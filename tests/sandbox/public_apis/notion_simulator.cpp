#include "notion_simulator.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/NumberFormatter.h>

namespace sandbox {
namespace {

void notion_error(Exchange& exchange, int status, const std::string& code,
                  const std::string& message) {
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("object", "error");
    body.set("status", status);
    body.set("code", code);
    body.set("message", message);
    exchange.json(status, body);
}

// Page ids are UUIDs; the cursor of a page is the id of its first result, as Notion's are.
std::string page_id(std::int64_t index) {
    return "6c2b0e1a-7d41-4c55-9a3e-" + Poco::NumberFormatter::format0(index, 12);
}

std::optional<std::int64_t> index_of(const std::string& id) {
    const std::string prefix = page_id(0).substr(0, 24);
    Poco::Int64 index = 0;
    if (id.size() != 36 || id.compare(0, 24, prefix) != 0 ||
        !Poco::NumberParser::tryParse64(id.substr(24), index)) {
        return std::nullopt;
    }
    return index;
}

Poco::JSON::Object::Ptr page(std::int64_t index) {
    Poco::JSON::Object::Ptr title = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    title->set("id", "title");
    title->set("type", "title");
    title->set("plain_text", "Task " + std::to_string(index + 1));
    Poco::JSON::Object::Ptr properties = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    properties->set("Name", title);
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    record->set("object", "page");
    record->set("id", page_id(index));
    record->set("created_time", "2026-01-01T00:00:00.000Z");
    record->set("archived", false);
    record->set("properties", properties);
    return record;
}

}  // namespace

void NotionSimulator::handle(const std::string&, Exchange& exchange) {
    if (exchange.bearer() != k_token) {
        log_event("notion", "401: no valid integration token");
        notion_error(exchange, 401, "unauthorized", "API token is invalid.");
    } else if (exchange.header("Notion-Version").empty()) {
        log_event("notion", "400: no Notion-Version header");
        notion_error(exchange, 400, "missing_version",
                     "Notion-Version header failed validation: Notion-Version header should be "
                     "defined, instead was `undefined`.");
    } else if (serves_data(exchange.path()) && exchange.method() == "POST") {
        query(exchange);
    } else {
        notion_error(exchange, 404, "object_not_found",
                     "Could not find database with ID: " + exchange.path() + ".");
    }
}

void NotionSimulator::query(Exchange& exchange) {
    Poco::JSON::Object::Ptr request;
    try {
        request =
            exchange.body().empty()
                ? Poco::JSON::Object::Ptr(new Poco::JSON::Object)
                : Poco::JSON::Parser().parse(exchange.body()).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception&) {
        notion_error(exchange, 400, "invalid_json", "Error parsing JSON body.");
        return;
    }
    Poco::Int64 page_size = 100;
    if (request->has("page_size")) {
        const auto size = request->get("page_size");
        if (!size.isInteger() || size.convert<Poco::Int64>() < 1 ||
            size.convert<Poco::Int64>() > 100) {
            notion_error(exchange, 400, "validation_error",
                         "body failed validation: body.page_size should be a number between 1 "
                         "and 100, instead was `" +
                             size.toString() + "`.");
            return;
        }
        page_size = size.convert<Poco::Int64>();
    }
    const Dataset::View view = m_dataset.next_page();
    std::int64_t start = 0;
    if (request->has("start_cursor") && !request->get("start_cursor").isEmpty()) {
        const auto cursor = index_of(request->get("start_cursor").toString());
        if (!cursor || !request->get("start_cursor").isString()) {
            notion_error(exchange, 400, "validation_error",
                         "body failed validation: body.start_cursor should be a valid uuid.");
            return;
        }
        start = *cursor;
    }
    const std::int64_t end = std::min(view.total, start + page_size);
    log_event("notion", "query " + std::to_string(start) + ".." + std::to_string(end));
    Poco::JSON::Array::Ptr results = new Poco::JSON::Array;
    for (std::int64_t position = start; position < end; ++position) {
        results->add(page(view.index_at(position)));
    }
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("object", "list");
    body.set("results", results);
    body.set("next_cursor",
             end < view.total ? Poco::Dynamic::Var(page_id(end)) : Poco::Dynamic::Var());
    body.set("has_more", end < view.total);
    body.set("type", "page_or_database");
    body.set("page_or_database", Poco::JSON::Object::Ptr(new Poco::JSON::Object));
    exchange.json(200, body);
}

}  // namespace sandbox
