#include "stripe_simulator.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/NumberFormatter.h>
#include <Poco/NumberParser.h>

#include <algorithm>
#include <ctime>

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

Poco::JSON::Object::Ptr customer(std::int64_t index, std::int64_t created) {
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    record->set("id", customer_id(index));
    record->set("object", "customer");
    record->set("created", static_cast<Poco::Int64>(created));
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
    } else if (exchange.path() == "/_sandbox/changes" && exchange.method() == "POST") {
        change(exchange);
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
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto range = created_range(exchange, view.total);
    if (!range) {
        return;
    }
    // Positions count from the newest customer in the range (index hi) down to the oldest (lo).
    const auto [lo, hi] = *range;
    const std::int64_t listed = std::max<std::int64_t>(0, hi - lo + 1);
    std::int64_t start = 0;
    std::int64_t end = 0;
    const std::string& cursor = after.empty() ? before : after;
    if (!cursor.empty()) {
        const auto index = index_of(cursor);
        if (!index || *index >= view.total + static_cast<std::int64_t>(m_added_at.size())) {
            stripe_error(exchange, 400, "invalid_request_error", "resource_missing",
                         after.empty() ? "ending_before" : "starting_after",
                         "No such customer: '" + cursor + "'");
            return;
        }
        const std::int64_t position = std::clamp<std::int64_t>(hi - *index, -1, listed);
        start = after.empty() ? std::max<std::int64_t>(0, position - limit) : position + 1;
        end = after.empty() ? std::max<std::int64_t>(0, position) : std::min(listed, start + limit);
    } else {
        end = std::min(listed, limit);
    }
    log_event("stripe", "customers " + std::to_string(start) + ".." + std::to_string(end));
    Poco::JSON::Array::Ptr data = new Poco::JSON::Array;
    for (std::int64_t position = start; position < end; ++position) {
        data->add(customer(hi - position, created_of(hi - position, view.total)));
    }
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("object", "list");
    body.set("url", "/v1/customers");
    body.set("has_more", after.empty() && !before.empty() ? start > 0 : end < listed);
    body.set("data", data);
    exchange.json(200, body);
}

std::int64_t StripeSimulator::created_of(std::int64_t index, std::int64_t first) const {
    return index < first ? 1700000000 + index
                         : m_added_at.at(static_cast<std::size_t>(index - first));
}

std::optional<std::pair<std::int64_t, std::int64_t>> StripeSimulator::created_range(
    Exchange& exchange, std::int64_t first) {
    const std::int64_t total = first + static_cast<std::int64_t>(m_added_at.size());
    // Customers are created in index order: the first index created at or after `time`.
    const auto first_at = [&](std::int64_t time) {
        std::int64_t low = 0;
        std::int64_t high = total;
        while (low < high) {
            const std::int64_t middle = low + (high - low) / 2;
            if (created_of(middle, first) < time) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    };
    std::int64_t lo = 0;
    std::int64_t hi = total - 1;
    for (const char* bound : {"gt", "gte", "lt", "lte"}) {
        const std::string name = std::string("created[") + bound + "]";
        const std::string text = exchange.query(name);
        Poco::Int64 time = 0;
        if (text.empty()) {
            continue;
        }
        if (!Poco::NumberParser::tryParse64(text, time)) {
            stripe_error(exchange, 400, "invalid_request_error", "parameter_invalid_integer", name,
                         "Invalid integer: " + text);
            return std::nullopt;
        }
        const std::string which = bound;
        if (which == "gt" || which == "gte") {
            lo = std::max(lo, first_at(which == "gt" ? time + 1 : time));
        } else {
            hi = std::min(hi, first_at(which == "lt" ? time : time + 1) - 1);
        }
    }
    return std::make_pair(lo, hi);
}

void StripeSimulator::change(Exchange& exchange) {
    Poco::Int64 added = 0;
    if (!Poco::NumberParser::tryParse64(exchange.query("added", "0"), added) || added < 0 ||
        added > 1'000'000) {
        stripe_error(exchange, 400, "invalid_request_error", "", "added", "added is a count");
        return;
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_added_at.insert(m_added_at.end(), static_cast<std::size_t>(added), std::time(nullptr));
    }
    log_event("stripe", "changes: " + std::to_string(added) + " customers added");
    exchange.json_text(200, "{\"added\":" + std::to_string(added) + "}");
}

}  // namespace sandbox
