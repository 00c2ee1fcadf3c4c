#include "wordpress_simulator.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>

#include <sstream>

namespace sandbox {
namespace {

void wordpress_error(Exchange& exchange, int status, const std::string& code,
                     const std::string& message) {
    Poco::JSON::Object::Ptr data = new Poco::JSON::Object;
    data->set("status", status);
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("code", code);
    body.set("message", message);
    body.set("data", data);
    exchange.json(status, body);
}

Poco::JSON::Object::Ptr post(std::int64_t index) {
    Poco::JSON::Object::Ptr rendered = new Poco::JSON::Object;
    rendered->set("rendered", "Post " + std::to_string(index + 1));
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    record->set("id", index + 1);
    record->set("date", "2026-01-01T00:00:00");
    record->set("status", "publish");
    record->set("title", rendered);
    return record;
}

}  // namespace

void WordPressSimulator::handle(const std::string&, Exchange& exchange) {
    if (exchange.path() == "/wp-json/wp/v2/posts" && exchange.method() == "GET") {
        posts(exchange);
    } else {
        wordpress_error(exchange, 404, "rest_no_route",
                        "No route was found matching the URL and request method.");
    }
}

void WordPressSimulator::posts(Exchange& exchange) {
    const auto basic = exchange.basic();
    if (basic && (basic->first != k_user || basic->second != k_application_password)) {
        log_event("wordpress", "401: wrong application password");
        wordpress_error(exchange, 401, "incorrect_password",
                        "The provided password is an invalid application password.");
        return;
    }
    Poco::Int64 page = 1;
    Poco::Int64 per_page = 10;
    if (!Poco::NumberParser::tryParse64(exchange.query("page", "1"), page) || page < 1 ||
        !Poco::NumberParser::tryParse64(exchange.query("per_page", "10"), per_page) ||
        per_page < 1 || per_page > 100) {
        wordpress_error(exchange, 400, "rest_invalid_param", "Invalid parameter(s): per_page");
        return;
    }
    const Dataset::View view = m_dataset.next_page();
    const std::int64_t pages = (view.total + per_page - 1) / per_page;
    if (page > std::max<std::int64_t>(pages, 1)) {
        log_event("wordpress", "400: page " + std::to_string(page) + " past the last");
        wordpress_error(exchange, 400, "rest_post_invalid_page_number",
                        "The page number requested is larger than the number of pages available.");
        return;
    }
    const std::int64_t start = (page - 1) * per_page;
    const std::int64_t end = std::min(view.total, start + per_page);
    log_event("wordpress", "posts page " + std::to_string(page));
    Poco::JSON::Array list;
    for (std::int64_t position = start; position < end; ++position) {
        list.add(post(view.index_at(position)));
    }
    exchange.header_out("X-WP-Total", std::to_string(view.total));
    exchange.header_out("X-WP-TotalPages", std::to_string(pages));
    std::ostringstream body;
    list.stringify(body);
    exchange.json_text(200, body.str());
}

}  // namespace sandbox
