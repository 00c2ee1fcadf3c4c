#include "paging/json_path.hpp"

#include <catch2/catch.hpp>

#include <regex>

using namespace apirunner;

namespace {

// A parsed document that lives as long as the test needs its values.
struct Doc {
    simdjson::dom::parser parser;
    JsonValue root;
    explicit Doc(const std::string& json) {
        REQUIRE(parser.parse(json).get(root) == simdjson::SUCCESS);
    }
    std::optional<JsonValue> at(const std::string& path) {
        return find_path(root, JsonPath::parse(path));
    }
};

}  // namespace

namespace {

using Step = JsonPath::Step;

std::vector<Step> steps(const std::string& path) { return JsonPath::parse(path).steps(); }

}  // namespace

TEST_CASE("json path: dot steps, empty steps left out, and their JSON Pointer") {
    CHECK(steps("meta.total_count") == std::vector<Step>{{"meta", {}}, {"total_count", {}}});
    CHECK(steps("meta..total.") == std::vector<Step>{{"meta", {}}, {"total", {}}});
    CHECK(steps("").empty());
    CHECK(steps("$").empty());
    CHECK(steps("$.data") == std::vector<Step>{{"data", {}}});
    CHECK(steps("$top") == std::vector<Step>{{"$top", {}}});  // a key, not the root
    CHECK(json_pointer(JsonPath::parse("meta.data")) == "/meta/data");
    CHECK(json_pointer(JsonPath::parse("")) == "");
    CHECK(json_pointer(JsonPath::parse("a~b.c/d")) == "/a~0b/c~1d");  // RFC 6901 escapes
    CHECK(json_pointer(JsonPath::parse("results[2].items")) == "/results/2/items");
    CHECK_THROWS_AS(json_pointer(JsonPath::parse("data[-1]")), std::logic_error);
}

TEST_CASE("json path: positions, from the end too, and keys in brackets and quotes") {
    CHECK(steps("data[-1].id") == std::vector<Step>{{"data", {}}, {"", -1}, {"id", {}}});
    CHECK(steps("[0]") == std::vector<Step>{{"", 0}});
    CHECK(steps(R"(["@odata.nextLink"])") == std::vector<Step>{{"@odata.nextLink", {}}});
    CHECK(steps(R"(a['b.c']["d]"][1])") ==
          std::vector<Step>{{"a", {}}, {"b.c", {}}, {"d]", {}}, {"", 1}});
    CHECK(steps(R"(["say \"hi\" \\ now"])") == std::vector<Step>{{R"(say "hi" \ now)", {}}});
    CHECK(JsonPath::parse("data[-1].id").counts_from_end());
    CHECK_FALSE(JsonPath::parse("data[1].id").counts_from_end());
    CHECK(JsonPath::parse(R"(["@odata.nextLink"])").text() == R"(["@odata.nextLink"])");
}

TEST_CASE("json path: anything else is refused, saying what and where") {
    const std::vector<std::pair<std::string, std::string>> wrong = {
        {"data[", "a '[' without its ']' at character 5"},
        {"data[1", "a '[' without its ']'"},
        {"data]", "a ']' without its '['"},
        {"data[x]", "'[x]' is neither a position"},
        {"data[1.5]", "'[1.5]' is neither a position"},
        {"data[]", "'[]' is neither a position"},
        {"data[--1]", "'[--1]' is neither a position"},
        {"data[99999999999999999999]", "the position [99999999999999999999] is out of range"},
        {R"(["open)", "a key in quotes without its closing \""},
        {R"(['a\n'])", R"('\n' is not an escape)"},
        {R"(["a"]x)", "a '.' or '[' belongs after ']'"},
    };
    for (const auto& [path, why] : wrong) {
        INFO(path);
        CHECK_THROWS_WITH(JsonPath::parse(path), Catch::Contains(why));
        const auto problem = JsonPath::problem(path);
        REQUIRE(problem);
        CHECK_THAT(*problem, Catch::StartsWith("is not a path: ") &&
                                 Catch::Contains(R"(["@odata.nextLink"])"));
    }
    CHECK_FALSE(JsonPath::problem("meta.next"));
}

TEST_CASE("json path: find_path walks objects and arrays, and a missing step is nothing") {
    Doc doc(R"({"meta":{"total":250,"next":null},"data":[{"id":"a"},{"id":"b"}],"n":3,)"
            R"("@odata.nextLink":"u","0":"zero"})");
    CHECK(doc.at("")->is_object());
    CHECK(as_count(doc.at("meta.total")) == std::optional<std::int64_t>(250));
    CHECK_FALSE(doc.at("meta.missing"));
    CHECK_FALSE(doc.at("n.deeper"));
    CHECK_FALSE(doc.at("data.0"));  // a dot step names a member, not an array position
    CHECK(position_text(doc.at("0")) == std::optional<std::string>("zero"));
    CHECK_FALSE(doc.at("[0]"));  // a position of an object is nothing
    CHECK(doc.at("meta.next")->is_null());
    CHECK(position_text(doc.at("data[0].id")) == std::optional<std::string>("a"));
    CHECK(position_text(doc.at("data[-1].id")) == std::optional<std::string>("b"));
    CHECK(position_text(doc.at("data[-2].id")) == std::optional<std::string>("a"));
    CHECK_FALSE(doc.at("data[2]"));
    CHECK_FALSE(doc.at("data[-3]"));
    CHECK(position_text(doc.at(R"(["@odata.nextLink"])")) == std::optional<std::string>("u"));
    CHECK_FALSE(doc.at("@odata.nextLink"));  // two steps: "@odata", then "nextLink"
    Doc empty(R"({"data":[]})");
    CHECK_FALSE(empty.at("data[-1].id"));  // an empty page has no last record
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

TEST_CASE("json path: the schema's pattern accepts what the parser accepts, and refuses the rest") {
    const std::regex pattern(JsonPath::pattern());
    for (const std::string path :
         {"meta.total_count", "meta..total.", "", "$", "$.data", "$top", "data[-1].id", "[0]",
          R"(["@odata.nextLink"])", R"(a['b.c']["d]"][1])", R"(["say \"hi\" \\ now"])"}) {
        INFO(path);
        CHECK_NOTHROW(JsonPath::parse(path));
        CHECK(std::regex_search(path, pattern));
    }
    for (const std::string path : {"data[", "data[1", "data]", "data[x]", "data[1.5]", "data[]",
                                   "data[--1]", R"(["open)", R"(['a\n'])", R"(["a"]x)"}) {
        INFO(path);
        CHECK_THROWS(JsonPath::parse(path));
        CHECK_FALSE(std::regex_search(path, pattern));
    }
}
