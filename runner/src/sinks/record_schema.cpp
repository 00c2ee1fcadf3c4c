#include "sinks/record_schema.hpp"

#include <apirunner/error.hpp>

#include <Poco/FileStream.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

namespace apirunner {

std::string sql_type_of_json_type(const std::string& json_type) {
    if (json_type == "integer" || json_type == "boolean") {
        return "INTEGER";
    }
    if (json_type == "number") {
        return "REAL";
    }
    if (json_type == "string") {
        return "TEXT";
    }
    return "";
}

std::vector<Column> columns_from_schema(const std::string& path) {
    Poco::JSON::Object::Ptr properties;
    try {
        Poco::FileInputStream in(path);
        Poco::JSON::Parser parser;
        auto schema = parser.parse(in).extract<Poco::JSON::Object::Ptr>();
        properties = schema->getObject("properties");
    } catch (const Poco::Exception& error) {
        throw Error(ErrorKind::config, "record schema '" + path + "': " + error.displayText());
    }
    if (!properties) {
        throw Error(ErrorKind::config, "record schema '" + path + "' has no 'properties'");
    }
    std::vector<Column> columns;
    for (const auto& name : properties->getNames()) {
        auto property = properties->getObject(name);
        if (!property) {
            continue;
        }
        // "type" may be a name or a list such as ["string", "null"].
        std::string type;
        if (property->isArray("type")) {
            for (const auto& entry : *property->getArray("type")) {
                if (entry.isString() && entry.extract<std::string>() != "null") {
                    type = entry.extract<std::string>();
                }
            }
        } else if (property->has("type")) {
            type = property->getValue<std::string>("type");
        }
        const std::string sql_type = sql_type_of_json_type(type);
        if (!sql_type.empty()) {
            columns.push_back({name, sql_type});
        }
    }
    return columns;
}

}  // namespace apirunner
