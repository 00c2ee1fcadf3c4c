#include "stripe_simulator.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/NumberFormatter.h>
#include <Poco/NumberParser.h>

namespace sandbox {
namespace {

// Customer ids sort with their index; the newest (highest index) is listed first.
std::string customer_id(std::int64_t index) {
    return "cus_" + Poco::NumberFormatter::format0(index + 1, 10);
}

std::optional<std::int64_t> index_of(const std::string& id) {
    Poco::Int64 number = 0;
    if (id.rfind("cus_", 0) != 0 || !Poco::NumberParser::tryParse64(id.substr(4), number) ||
        number < 1) {
        return std::nullopt;
    }
    return number - 1;
}

Poco::JSON::Object::Ptr customer(std::int64_t index) {
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    record->set("id", customer_id(index));
    record->set("object", "customer");
    record->set("created", static_cast<Poco::Int64>(1700000000 + index));
    record->set("email", "customer" + std::to_string(index + 1) + "@example.test");
    record->set("name", "Customer " + std::to_string(index + 1));
    record->set("livemode", false);
    return record;
}

void stripe_error(Exchange& exchange, int status, const std::string& type, const std::string& code,
                  const std::string& param, const std::string& message) {
    Poco::JSON::Object::Ptr error = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    error->set("type", type);
    if (!code.empty()) {
        error->set("code", code);
    }
    if (!param.empty()) {
        error->set("param", param);
    }
    error->set("message", message);
    Poco::JSON::Object body;
    body.set("error", error);
    exchange.json(status, body);
}

}  // namespace

void StripeSimulator::handle(const std::string&, Exchange& exchange) {
    if (exchange.path() == "/v1/customers" && exchange.method() == "GET") {
        customers(exchange);
    } else {
        stripe_error(
            exchange, 404, "invalid_request_error", "", "",
            "Unrecognized request URL (" + exchange.method() + ": " + exchange.path() + ").");
    }
}

void StripeSimulator::customers(Exchange& exchange) {
    const auto basic = exchange.basic();
    const std::string key = basic ? basic->first : exchange.bearer();
    if (key != k_secret_key) {
        log_event("stripe", "401: no valid API key");
        exchange.header_out("WWW-Authenticate", R"(Bearer realm="Stripe")");
        stripe_error(exchange, 401, "invalid_request_error", "", "",
                     key.empty() ? "You did not provide an API key." : "Invalid API Key provided.");
        return;
    }
    Poco::Int64 limit = 10;
    const std::string limit_text = exchange.query("limit", "10");
    if (!Poco::NumberParser::tryParse64(limit_text, limit) || limit < 1 || limit > 100) {
        stripe_error(exchange, 400, "invalid_request_error", "parameter_invalid_integer", "limit",
                     "Invalid integer: " + limit_text + "; limit must be between 1 and 100.");
        return;
    }
    const std::string after = exchange.query("starting_after");
    const std::string before = exchange.query("ending_before");
    if (!after.empty() && !before.empty()) {
        stripe_error(exchange, 400, "invalid_request_error", "", "starting_after",
                     "You may only specify one of these parameters: ending_before, "
                     "starting_after.");
        return;
    }
    const Dataset::View view = m_dataset.next_page();
    // Positions count from the newest customer (index total-1) down to the oldest (index 0).
    std::int64_t start = 0;
    std::int64_t end = 0;
    const std::string& cursor = after.empty() ? before : after;
    if (!cursor.empty()) {
        const auto index = index_of(cursor);
        if (!index || *index >= view.total) {
            stripe_error(exchange, 400, "invalid_request_error", "resource_missing",
                         after.empty() ? "ending_before" : "starting_after",
                         "No such customer: '" + cursor + "'");
            return;
        }
        const std::int64_t position = view.total - 1 - *index;
        start = after.empty() ? std::max<std::int64_t>(0, position - limit) : position + 1;
        end = after.empty() ? position : std::min(view.total, start + limit);
    } else {
        end = std::min(view.total, limit);
    }
    log_event("stripe", "customers " + std::to_string(start) + ".." + std::to_string(end));
    Poco::JSON::Array::Ptr data = new Poco::JSON::Array;
    for (std::int64_t position = start; position < end; ++position) {
        data->add(customer(view.total - 1 - position));
    }
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("object", "list");
    body.set("url", "/v1/customers");
    body.set("has_more", after.empty() && !before.empty() ? start > 0 : end < view.total);
    body.set("data", data);
    exchange.json(200, body);
}

}  // namespace sandbox
