#include "zendesk_simulator.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>

#include <sstream>

namespace sandbox {
namespace {

void zendesk_error(Exchange& exchange, int status, const std::string& error,
                   const std::string& description) {
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("error", error);
    if (!description.empty()) {
        body.set("description", description);
    }
    exchange.json(status, body);
}

Poco::JSON::Object::Ptr ticket(const ChangeStream::Entry& entry) {
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    record->set("id", entry.index + 1);
    record->set("subject", "Ticket " + std::to_string(entry.index + 1) +
                               (entry.revision ? " (edited " + std::to_string(entry.revision) + ")"
                                               : std::string()));
    record->set("status", entry.index % 3 ? "open" : "solved");
    record->set("updated_at", entry.updated);
    return record;
}

// The cursor of "the tickets from `position` on": base64 of text, as Zendesk's look.
std::string cursor_at(std::int64_t position) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    encoder << "1700000000.0||" << position;
    encoder.close();
    return out.str();
}

std::optional<std::int64_t> position_at(const std::string& cursor) {
    std::istringstream in(cursor);
    Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    std::string text;
    std::getline(decoder, text);
    Poco::Int64 position = 0;
    const auto bars = text.find("||");
    if (bars == std::string::npos ||
        !Poco::NumberParser::tryParse64(text.substr(bars + 2), position) || position < 0 ||
        cursor_at(position) != cursor) {
        return std::nullopt;
    }
    return position;
}

}  // namespace

void ZendeskSimulator::handle(const std::string&, Exchange& exchange) {
    if (exchange.path() == "/api/v2/incremental/tickets/cursor.json" &&
        exchange.method() == "GET") {
        tickets(exchange);
    } else if (exchange.path() == "/_sandbox/changes" && exchange.method() == "POST") {
        change(exchange);
    } else {
        zendesk_error(exchange, 404, "InvalidEndpoint", "Not found");
    }
}

void ZendeskSimulator::tickets(Exchange& exchange) {
    const auto basic = exchange.basic();
    if (!basic || basic->first != k_user || basic->second != k_api_token) {
        log_event("zendesk", "401: no valid email/token and API token");
        zendesk_error(exchange, 401, "Couldn't authenticate you", "");
        return;
    }
    Poco::Int64 per_page = 1000;
    if (!Poco::NumberParser::tryParse64(exchange.query("per_page", "1000"), per_page) ||
        per_page < 1 || per_page > 1000) {
        zendesk_error(exchange, 400, "InvalidPaginationParameter",
                      "per_page must be a number from 1 to 1000");
        return;
    }
    std::int64_t position = 0;
    if (!exchange.query("cursor").empty()) {
        const auto at = position_at(exchange.query("cursor"));
        if (!at) {
            zendesk_error(exchange, 400, "InvalidPaginationParameter", "cursor is invalid");
            return;
        }
        position = *at;
    } else {
        Poco::Int64 start_time = 0;
        if (!Poco::NumberParser::tryParse64(exchange.query("start_time"), start_time) ||
            start_time < 0) {
            zendesk_error(exchange, 400, "InvalidValue",
                          "start_time or cursor is required: start_time in Unix seconds");
            return;
        }
        position = m_stream.position_since(start_time);
    }
    const std::int64_t from = position;
    Poco::JSON::Array::Ptr tickets = new Poco::JSON::Array;
    for (const auto& entry : m_stream.read(position, per_page)) {
        tickets->add(ticket(entry));
    }
    log_event("zendesk", "tickets from " + std::to_string(from) + ", " +
                             std::to_string(tickets->size()) + " read");
    const std::string after = cursor_at(position);
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("tickets", tickets);
    body.set("after_url", "http://" + exchange.header("Host") +
                              "/zendesk/api/v2/incremental/tickets/cursor.json?cursor=" + after);
    body.set("after_cursor", after);
    body.set("before_url", Poco::Dynamic::Var());
    body.set("before_cursor", Poco::Dynamic::Var());
    body.set("end_of_stream", m_stream.at_end(position));
    exchange.json(200, body);
}

void ZendeskSimulator::change(Exchange& exchange) {
    if (const auto answer = m_stream.change(exchange)) {
        log_event("zendesk", "changes: " + *answer);
        exchange.json_text(200, *answer);
    } else {
        zendesk_error(exchange, 400, "InvalidValue",
                      "updated (at most --records) and added are counts");
    }
}

}  // namespace sandbox
