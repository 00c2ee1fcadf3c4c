#include "shopify_simulator.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>

#include <cmath>

namespace sandbox {
namespace {

constexpr double k_bucket = 40;
constexpr double k_drain_per_second = 2;

void shopify_error(Exchange& exchange, int status, const std::string& errors) {
    Poco::JSON::Object body;
    body.set("errors", errors);
    exchange.json(status, body);
}

Poco::JSON::Object::Ptr product(std::int64_t index) {
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    record->set("id", 632910392 + index);
    record->set("title", "Product " + std::to_string(index + 1));
    record->set("status", "active");
    return record;
}

// page_info is opaque to clients; here it is the position, disguised.
std::string page_info(std::int64_t position) {
    return "eyJsYXN0X2lkIjo" + std::to_string(position * 13 + 7);
}

std::optional<std::int64_t> position_of(const std::string& info) {
    Poco::Int64 value = 0;
    if (info.rfind("eyJsYXN0X2lkIjo", 0) != 0 ||
        !Poco::NumberParser::tryParse64(info.substr(15), value) || value < 7 || (value - 7) % 13) {
        return std::nullopt;
    }
    return (value - 7) / 13;
}

}  // namespace

std::optional<double> ShopifySimulator::take_from_bucket() {
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - m_drained).count();
    m_level = std::max(0.0, m_level - seconds * k_drain_per_second);
    m_drained = now;
    if (m_level + 1 > k_bucket) {
        return std::nullopt;
    }
    m_level += 1;
    return m_level;
}

void ShopifySimulator::handle(const std::string&, Exchange& exchange) {
    if (exchange.header("X-Shopify-Access-Token") != k_token) {
        log_event("shopify", "401: invalid access token");
        shopify_error(exchange, 401,
                      "[API] Invalid API key or access token (unrecognized login or wrong "
                      "password)");
    } else if (serves_data(exchange.path()) && exchange.method() == "GET") {
        products(exchange);
    } else {
        shopify_error(exchange, 404, "Not Found");
    }
}

void ShopifySimulator::products(Exchange& exchange) {
    const auto level = take_from_bucket();
    if (!level) {
        log_event("shopify", "429: the bucket is full");
        exchange.header_out("Retry-After", "2.0");
        shopify_error(exchange, 429,
                      "Exceeded 2 calls per second for api client. Reduce request "
                      "rates to resume uninterrupted service.");
        return;
    }
    Poco::Int64 limit = 50;
    if (!Poco::NumberParser::tryParse64(exchange.query("limit", "50"), limit) || limit < 1 ||
        limit > 250) {
        shopify_error(exchange, 400, "limit must be from 1 to 250");
        return;
    }
    std::int64_t start = 0;
    const std::string info = exchange.query("page_info");
    if (!info.empty()) {
        const auto position = position_of(info);
        if (!position) {
            shopify_error(exchange, 400, "Invalid value for page_info.");
            return;
        }
        start = *position;
    }
    const Dataset::View view = m_dataset.next_page();
    const std::int64_t end = std::min(view.total, start + limit);
    log_event("shopify", "products " + std::to_string(start) + ".." + std::to_string(end));
    Poco::JSON::Array::Ptr products = new Poco::JSON::Array;
    for (std::int64_t position = start; position < end; ++position) {
        products->add(product(view.index_at(position)));
    }
    if (end < view.total) {
        exchange.header_out(
            "Link", "<http://" + exchange.header("Host") +
                        "/shopify/admin/api/2024-01/products.json?limit=" + std::to_string(limit) +
                        "&page_info=" + page_info(end) + ">; rel=\"next\"");
    }
    exchange.header_out("X-Shopify-Shop-Api-Call-Limit",
                        std::to_string(static_cast<int>(std::ceil(*level))) + "/40");
    Poco::JSON::Object body;
    body.set("products", products);
    exchange.json(200, body);
}

}  // namespace sandbox
