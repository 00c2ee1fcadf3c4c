#include "settings/field_table.hpp"

#include <catch2/catch.hpp>

using namespace apirunner;

namespace {

const FieldTable k_table = [] {
    FieldTable table{{"name", FieldType::text, "A name.", "anon"},
                     {"count", FieldType::integer, "How many.", "3"},
                     {"loud", FieldType::flag, "Whether to shout.", "false"},
                     {"colour", FieldType::choice, "A colour."},
                     {"file", FieldType::path, "A file."},
                     {"cap", FieldType::integer, "A cap.", "1"}};
    table[3].choices = {"red", "green"};
    table[4].required = true;
    table[5].maximum = 10;
    table[5].moves_position = false;
    return table;
}();

struct Read {
    FieldValues values;
    std::vector<std::string> problems;
};

Read read(const std::string& yaml) {
    ConfigProblems problems;
    const EnvLookup env = [](const std::string& name) -> std::optional<std::string> {
        return name == "COUNT" ? std::optional<std::string>("7") : std::nullopt;
    };
    YamlMap map(YAML::Load(yaml), "sinks.x", env, problems);
    Read result{read_fields(map, k_table, "/jobs"), {}};
    map.finish();
    for (const auto& problem : problems) {
        result.problems.push_back(problem.to_string());
    }
    return result;
}

}  // namespace

TEST_CASE(
    "a table reads typed values, fills in defaults and takes relative paths from the jobs file") {
    const Read got = read("{count: '${COUNT}', loud: true, colour: green, file: out/x.db}");
    REQUIRE(got.problems.empty());
    CHECK(got.values.text("name") == "anon");
    CHECK(got.values.integer("count") == 7);
    CHECK(got.values.flag("loud"));
    CHECK(got.values.text("colour") == "green");
    CHECK(got.values.text("file") == "/jobs/out/x.db");
    CHECK(read("{file: /abs/x.db}").values.text("file") == "/abs/x.db");
}

TEST_CASE("a table's problems name the field: type, range, choice, required, unknown key") {
    CHECK(read("{count: x, file: f}").problems ==
          std::vector<std::string>{"sinks.x.count: must be a positive integer, not 'x'"});
    CHECK(read("{cap: 11, file: f}").problems ==
          std::vector<std::string>{"sinks.x.cap: is at most 10"});
    CHECK(read("{colour: blue, file: f}").problems ==
          std::vector<std::string>{"sinks.x.colour: must be one of red, green, not 'blue'"});
    CHECK(read("{}").problems == std::vector<std::string>{"sinks.x.file: is required"});
    CHECK(read("{file: ''}").problems ==
          std::vector<std::string>{"sinks.x.file: must not be empty"});
    CHECK(read("{file: f, nmae: y}").problems ==
          std::vector<std::string>{"sinks.x.nmae: unknown key (did you mean 'name'?)"});
}

TEST_CASE("the fingerprint text holds every row that moves a position, and only those") {
    const FieldValues values = read("{file: f, cap: 9}").values;
    const std::string text = fingerprint_text(k_table, values);
    CHECK(text == "name=anon\ncount=3\nloud=false\ncolour=\nfile=/jobs/f\n");
    CHECK(values.shown("cap") == "9");
    CHECK(values.shown("loud") == "false");
    FieldValues capped = values;
    capped.set_integer("cap", 2);
    CHECK(fingerprint_text(k_table, capped) == text);
    FieldValues renamed = values;
    renamed.set_text("name", "other");
    CHECK(fingerprint_text(k_table, renamed) != text);
}

TEST_CASE(
    "asking for a value the table did not read is a programming error, not a silent default") {
    const FieldValues values = read("{file: f}").values;
    CHECK_THROWS_AS(values.integer("nothing"), std::logic_error);
    CHECK(values.text("colour").empty());  // a text without a default reads as ""
    CHECK_FALSE(values.integer_if("nothing"));
}
