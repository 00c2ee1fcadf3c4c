#include "salesforce_simulator.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/NumberFormatter.h>
#include <Poco/NumberParser.h>

#include <sstream>

namespace sandbox {
namespace {

constexpr const char* k_query_path = "/services/data/v59.0/query";

// Salesforce answers errors as a list of them.
void salesforce_error(Exchange& exchange, int status, const std::string& code,
                      const std::string& message) {
    Poco::JSON::Object::Ptr error = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    error->set("message", message);
    error->set("errorCode", code);
    Poco::JSON::Array list;
    list.add(error);
    std::ostringstream body;
    list.stringify(body);
    exchange.json_text(status, body.str());
}

Poco::JSON::Object::Ptr account(std::int64_t index) {
    const std::string id = "001" + Poco::NumberFormatter::format0(index, 15);
    Poco::JSON::Object::Ptr attributes = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    attributes->set("type", "Account");
    attributes->set("url", "/services/data/v59.0/sobjects/Account/" + id);
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    record->set("attributes", attributes);
    record->set("Id", id);
    record->set("Name", "Account " + std::to_string(index + 1));
    return record;
}

// The batch size of Sforce-Query-Options ("batchSize=500"), 2000 when it is not given.
std::optional<std::int64_t> batch_size(const std::string& options) {
    const auto at = options.find("batchSize=");
    if (at == std::string::npos) {
        return 2000;
    }
    Poco::Int64 size = 0;
    if (!Poco::NumberParser::tryParse64(options.substr(at + 10), size) || size < 200 ||
        size > 2000) {
        return std::nullopt;
    }
    return size;
}

}  // namespace

void SalesforceSimulator::handle(const std::string&, Exchange& exchange) {
    const std::string next_prefix = std::string(k_query_path) + "/" + k_locator + "-";
    Poco::Int64 start = 0;
    if (exchange.bearer() != k_token) {
        log_event("salesforce", "401: invalid session");
        salesforce_error(exchange, 401, "INVALID_SESSION_ID", "Session expired or invalid");
    } else if (exchange.method() != "GET") {
        salesforce_error(exchange, 405, "METHOD_NOT_ALLOWED", "HTTP Method not allowed");
    } else if (exchange.path() == k_query_path) {
        if (exchange.query("q").rfind("SELECT ", 0) != 0) {
            salesforce_error(exchange, 400, "MALFORMED_QUERY",
                             "unexpected token: " + exchange.query("q"));
            return;
        }
        batch(exchange, 0);
    } else if (exchange.path().rfind(next_prefix, 0) == 0 &&
               Poco::NumberParser::tryParse64(exchange.path().substr(next_prefix.size()), start)) {
        batch(exchange, start);
    } else {
        salesforce_error(exchange, 404, "NOT_FOUND", "The requested resource does not exist");
    }
}

void SalesforceSimulator::batch(Exchange& exchange, std::int64_t start) {
    const auto size = batch_size(exchange.header("Sforce-Query-Options"));
    if (!size) {
        salesforce_error(exchange, 400, "INVALID_QUERY_OPTIONS",
                         "batchSize must be a number from 200 to 2000");
        return;
    }
    const Dataset::View view = m_dataset.next_page();
    const std::int64_t end = std::min(view.total, start + *size);
    log_event("salesforce", "query batch " + std::to_string(start) + ".." + std::to_string(end));
    Poco::JSON::Array::Ptr records = new Poco::JSON::Array;
    for (std::int64_t position = start; position < end; ++position) {
        records->add(account(view.index_at(position)));
    }
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("totalSize", view.total);
    body.set("done", end >= view.total);
    if (end < view.total) {
        body.set("nextRecordsUrl", "/salesforce" + std::string(k_query_path) + "/" + k_locator +
                                       "-" + std::to_string(end));
    }
    body.set("records", records);
    exchange.json(200, body);
}

}  // namespace sandbox
