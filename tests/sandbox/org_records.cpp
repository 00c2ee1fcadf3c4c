#include "org_records.hpp"

namespace sandbox {

Poco::JSON::Object::Ptr organization(std::int64_t index) {
    static const char* const k_currencies[] = {"USD", "EUR", "GBP", "JPY"};
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    record->set("id", 100000 + index);
    record->set("name", "Organization " + std::to_string(index + 1));
    record->set("entity_type", "organization");
    record->set("status", index % 7 != 0);
    record->set("currency_code", k_currencies[index % 4]);
    record->set("version", static_cast<int>(index % 5));
    record->set("created_on", "2024-01-" + std::string(index % 28 < 9 ? "0" : "") +
                                  std::to_string(index % 28 + 1) + "T00:00:00+00:00");
    return record;
}

}  // namespace sandbox
