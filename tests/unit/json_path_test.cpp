#include "paging/json_path.hpp"

#include <catch2/catch.hpp>

using namespace apirunner;

namespace {

// A parsed document that lives as long as the test needs its values.
struct Doc {
    simdjson::dom::parser parser;
    JsonValue root;
    explicit Doc(const std::string& json) {
        REQUIRE(parser.parse(json).get(root) == simdjson::SUCCESS);
    }
    std::optional<JsonValue> at(const std::string& path) { return find_path(root, path); }
};

}  // namespace

TEST_CASE("json path: dot steps, empty steps left out, and their JSON Pointer") {
    CHECK(path_steps("meta.total_count") == std::vector<std::string_view>{"meta", "total_count"});
    CHECK(path_steps("meta..total.") == std::vector<std::string_view>{"meta", "total"});
    CHECK(path_steps("").empty());
    CHECK(json_pointer("meta.data") == "/meta/data");
    CHECK(json_pointer("") == "");
    CHECK(json_pointer("a~b.c/d") == "/a~0b/c~1d");  // RFC 6901 escapes
}

TEST_CASE("json path: find_path walks objects, and a missing step or a non-object is nothing") {
    Doc doc(R"({"meta":{"total":250,"next":null},"data":[1,2],"n":3})");
    CHECK(doc.at("")->is_object());
    CHECK(as_count(doc.at("meta.total")) == std::optional<std::int64_t>(250));
    CHECK_FALSE(doc.at("meta.missing"));
    CHECK_FALSE(doc.at("n.deeper"));
    CHECK_FALSE(doc.at("data.0"));  // steps name members, not array positions
    CHECK(doc.at("meta.next")->is_null());
}

TEST_CASE("json path: a count is a whole non-negative number, in a number or a string") {
    Doc doc(R"({"i":7,"s":"250","f":3.0,"h":2.5,"neg":-1,"word":"many","big":1e300,"null":null})");
    CHECK(as_count(doc.at("i")) == std::optional<std::int64_t>(7));
    CHECK(as_count(doc.at("s")) == std::optional<std::int64_t>(250));
    CHECK(as_count(doc.at("f")) == std::optional<std::int64_t>(3));
    for (const char* wrong : {"h", "neg", "word", "big", "null", "absent"}) {
        INFO(wrong);
        CHECK_FALSE(as_count(doc.at(wrong)));
    }
}

TEST_CASE("json path: a position is a string as it is or a number as JSON writes it") {
    Doc doc(R"({"s":"c2","n":42,"e":"","b":true,"o":{},"a":[],"z":null})");
    CHECK(position_text(doc.at("s")) == std::optional<std::string>("c2"));
    CHECK(position_text(doc.at("n")) == std::optional<std::string>("42"));
    for (const char* none : {"e", "b", "o", "a", "z", "absent"}) {
        INFO(none);
        CHECK_FALSE(position_text(doc.at(none)));
    }
}
