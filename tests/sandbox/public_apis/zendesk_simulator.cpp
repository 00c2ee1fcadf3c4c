#include "zendesk_simulator.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>

#include <sstream>

namespace sandbox {
namespace {

constexpr std::int64_t k_epoch = 1700000000;  // the first ticket's updated_at

void zendesk_error(Exchange& exchange, int status, const std::string& error,
                   const std::string& description) {
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("error", error);
    if (!description.empty()) {
        body.set("description", description);
    }
    exchange.json(status, body);
}

Poco::JSON::Object::Ptr ticket(std::int64_t index) {
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    record->set("id", index + 1);
    record->set("subject", "Ticket " + std::to_string(index + 1));
    record->set("status", index % 3 ? "open" : "solved");
    record->set("updated_at", k_epoch + index);
    return record;
}

// The cursor of "the tickets from `position` on": base64 of text, as Zendesk's look.
std::string cursor_at(std::int64_t position) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    encoder << std::to_string(k_epoch + position) << ".0||" << position;
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
    std::int64_t start = 0;
    if (!exchange.query("cursor").empty()) {
        const auto position = position_at(exchange.query("cursor"));
        if (!position) {
            zendesk_error(exchange, 400, "InvalidPaginationParameter", "cursor is invalid");
            return;
        }
        start = *position;
    } else {
        Poco::Int64 start_time = 0;
        if (!Poco::NumberParser::tryParse64(exchange.query("start_time"), start_time) ||
            start_time < 0) {
            zendesk_error(exchange, 400, "InvalidValue",
                          "start_time or cursor is required: start_time in Unix seconds");
            return;
        }
        start = std::max<std::int64_t>(0, start_time - k_epoch);
    }
    const Dataset::View view = m_dataset.next_page();
    start = std::min(start, view.total);
    const std::int64_t end = std::min(view.total, start + per_page);
    log_event("zendesk", "tickets " + std::to_string(start) + ".." + std::to_string(end));
    Poco::JSON::Array::Ptr tickets = new Poco::JSON::Array;
    for (std::int64_t position = start; position < end; ++position) {
        tickets->add(ticket(view.index_at(position)));
    }
    const std::string after = cursor_at(end);
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("tickets", tickets);
    body.set("after_url", "http://" + exchange.header("Host") +
                              "/zendesk/api/v2/incremental/tickets/cursor.json?cursor=" + after);
    body.set("after_cursor", after);
    body.set("before_url", Poco::Dynamic::Var());
    body.set("before_cursor", Poco::Dynamic::Var());
    body.set("end_of_stream", end >= view.total);
    exchange.json(200, body);
}

}  // namespace sandbox
