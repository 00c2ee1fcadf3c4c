#include "sinks/record_schema.hpp"

#include <apirunner/error.hpp>

#include <catch2/catch.hpp>

#include <Poco/File.h>
#include <Poco/TemporaryFile.h>

#include <fstream>
#include <map>

using namespace apirunner;

namespace {

std::string schema_file(const Poco::TemporaryFile& dir, const std::string& text) {
    Poco::File(dir.path()).createDirectories();
    const std::string path = dir.path() + "/schema.json";
    std::ofstream(path) << text;
    return path;
}

}  // namespace

TEST_CASE("record schema: scalar properties become typed columns, others stay in the JSON") {
    Poco::TemporaryFile dir;
    const auto columns = columns_from_schema(schema_file(dir, R"({"type":"object","properties":{
        "id":{"type":"integer"},"name":{"type":["string","null"]},"score":{"type":"number"},
        "active":{"type":"boolean"},"tags":{"type":"array"},"owner":{"type":"object"},
        "anything":{}}})"));
    std::map<std::string, std::string> types;
    for (const auto& column : columns) {
        types[column.name] = column.sql_type;
    }
    CHECK(types ==
          std::map<std::string, std::string>{
              {"id", "INTEGER"}, {"name", "TEXT"}, {"score", "REAL"}, {"active", "INTEGER"}});
}

TEST_CASE(
    "record schema: a file that is not a schema with properties is a config error naming it") {
    Poco::TemporaryFile dir;
    for (const std::string text : {"{not json", R"({"type":"object"})", "[1,2]"}) {
        INFO(text);
        const std::string path = schema_file(dir, text);
        try {
            columns_from_schema(path);
            FAIL("no error");
        } catch (const Error& error) {
            CHECK(error.kind() == ErrorKind::config);
            CHECK_THAT(error.what(), Catch::Contains("record schema '" + path + "'"));
        }
    }
    CHECK_THROWS_AS(columns_from_schema(dir.path() + "/missing.json"), Error);
}
