#include "sinks/sqlite_sink.hpp"
#include "extract/page_parser.hpp"

#include <apirunner/error.hpp>

#include <catch2/catch.hpp>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/File.h>
#include <Poco/TemporaryFile.h>

#include <fstream>

using namespace apirunner;
using namespace Poco::Data::Keywords;

namespace {

struct Fixture {
    Poco::TemporaryFile dir;
    SinkSpec sink;
    RecordShape job;
    Fixture() {
        Poco::File(dir.path()).createDirectories();
        sink = SinkSpec{"db", find_sink_type("sqlite"), {}};
        sink.fields.set_text("path", dir.path() + "/out.sqlite");
        job.primary_key = "id";
    }
    // A record schema with these properties (a JSON object's text).
    void use_schema(const std::string& properties) {
        job.record_schema = dir.path() + "/schema.json";
        std::ofstream(job.record_schema)
            << R"({"type":"object","properties":)" << properties << "}";
    }
    OutputSpec output(const std::string& mode) {
        OutputSpec spec{"db",
                        mode == "merge"     ? OutputMode::merge
                        : mode == "replace" ? OutputMode::replace
                                            : OutputMode::append,
                        {}};
        spec.fields.set_text("table", "orgs");
        return spec;
    }
    RunInfo run(const std::string& id) {
        return RunInfo{"orgs", id, "2026-01-01T00:00:00Z", "2026-01-01"};
    }

    void write(const std::string& mode, const std::string& run_id,
               const std::vector<std::string>& pages) {
        SqliteSink sink_(sink, output(mode), job, run(run_id));
        sink_.start();
        for (std::size_t i = 0; i < pages.size(); ++i) {
            sink_.write_page(parse_page(pages[i], JsonPath()).records,
                             static_cast<std::int64_t>(i) + 1);
        }
        sink_.finish();
    }

    long count(const std::string& sql) {
        Poco::Data::Session session("SQLite", sink.fields.text("path"));
        long value = 0;
        session << sql, into(value), now;
        return value;
    }
};

}  // namespace

TEST_CASE("append writes every record with the run columns and the record as JSON") {
    Poco::Data::SQLite::Connector::registerConnector();
    Fixture f;
    f.write("append", "r1", {R"([{"id":1,"name":"a"},{"id":2,"name":"b"}])", R"([{"id":3}])"});
    CHECK(f.count("SELECT count(*) FROM orgs") == 3);
    CHECK(f.count("SELECT count(*) FROM orgs WHERE _run_id = 'r1' AND _extracted_at <> ''") == 3);
    CHECK(f.count("SELECT count(*) FROM orgs WHERE json_extract(record, '$.name') = 'b'") == 1);
    CHECK(f.count("SELECT count(*) FROM orgs WHERE typeof(id) = 'integer'") == 3);
}

TEST_CASE("merge upserts on the primary key: a second run doubles nothing and updates") {
    Fixture f;
    f.write("merge", "r1", {R"([{"id":1,"v":1},{"id":2,"v":1}])"});
    f.write("merge", "r2", {R"([{"id":2,"v":2},{"id":3,"v":2}])"});
    CHECK(f.count("SELECT count(*) FROM orgs") == 3);
    CHECK(f.count("SELECT json_extract(record, '$.v') FROM orgs WHERE id = 2") == 2);
    CHECK(f.count("SELECT count(*) FROM orgs WHERE _run_id = 'r2'") == 2);
}

TEST_CASE("replace swaps the table in at finish, a discarded replace leaves the old one") {
    Fixture f;
    f.write("replace", "r1", {R"([{"id":1},{"id":2},{"id":3}])"});
    {
        SqliteSink sink(f.sink, f.output("replace"), f.job, f.run("r2"));
        sink.start();
        sink.write_page(parse_page(R"([{"id":9}])", JsonPath()).records, 1);
        CHECK(f.count("SELECT count(*) FROM orgs") == 3);  // readers still see the old table
        sink.discard();
    }
    CHECK(f.count("SELECT count(*) FROM orgs") == 3);
    f.write("replace", "r3", {R"([{"id":7}])"});
    CHECK(f.count("SELECT count(*) FROM orgs") == 1);
    CHECK(f.count("SELECT count(*) FROM sqlite_master WHERE name LIKE '%staging%'") == 0);
}

TEST_CASE("a record schema gives typed columns, and booleans are stored as 0/1") {
    Fixture f;
    f.use_schema(R"({"id":{"type":"integer"},"ok":{"type":"boolean"},)"
                 R"("price":{"type":["number","null"]},"tags":{"type":"array"}})");
    f.write("merge", "r1",
            {R"([{"id":1,"ok":true,"price":2.5,"tags":["x"]},{"id":2,"ok":false,"price":null}])"});
    CHECK(f.count("SELECT count(*) FROM orgs WHERE ok = 1 AND typeof(price) = 'real'") == 1);
    CHECK(f.count("SELECT count(*) FROM orgs WHERE ok = 0 AND price IS NULL") == 1);
    CHECK(f.count("SELECT count(*) FROM pragma_table_info('orgs') WHERE name = 'tags'") == 0);
}

TEST_CASE("a record without the primary key fails the page, and the page is not half-written") {
    Fixture f;
    SqliteSink sink(f.sink, f.output("merge"), f.job, f.run("r1"));
    sink.start();
    sink.write_page(parse_page(R"([{"id":1}])", JsonPath()).records, 1);
    CHECK_THROWS_WITH(
        sink.write_page(parse_page(R"([{"id":2},{"name":"no id"}])", JsonPath()).records, 2),
        "record 2 of the page has no primary key 'id'");
    CHECK(f.count("SELECT count(*) FROM orgs") == 1);
}

TEST_CASE("a sink that cannot open its file says which") {
    Fixture f;
    f.sink.fields.set_text("path", "/proc/forbidden/out.sqlite");
    CHECK_THROWS_WITH(SqliteSink(f.sink, f.output("append"), f.job, f.run("r1")),
                      Catch::StartsWith("sink 'db': cannot open '/proc/forbidden/out.sqlite'"));
}

TEST_CASE("a resumed run skips the pages the table already holds, whatever the checkpoint says") {
    Fixture f;
    {
        SqliteSink sink(f.sink, f.output("append"), f.job, f.run("r1"));
        sink.start();
        sink.write_page(parse_page(R"([{"id":1}])", JsonPath()).records, 1);
        sink.write_page(parse_page(R"([{"id":2}])", JsonPath()).records, 2);
        // killed here: the checkpoint was saved after page 1 only
    }
    SqliteSink sink(f.sink, f.output("append"), f.job, f.run("r1"));
    REQUIRE(sink.resume(SinkCheckpoint{"", 1, false}));
    sink.write_page(parse_page(R"([{"id":2}])", JsonPath()).records, 2);  // fetched again: skipped
    sink.write_page(parse_page(R"([{"id":3}])", JsonPath()).records, 3);
    sink.finish();
    CHECK(f.count("SELECT count(*) FROM orgs") == 3);
    CHECK(f.count("SELECT count(DISTINCT id) FROM orgs") == 3);
    CHECK(f.count("SELECT count(*) FROM _apirunner_progress") == 0);
}

TEST_CASE("a resumed replace keeps filling its staging table") {
    Fixture f;
    f.write("replace", "r0", {R"([{"id":100}])"});
    {
        SqliteSink sink(f.sink, f.output("replace"), f.job, f.run("r1"));
        sink.start();
        sink.write_page(parse_page(R"([{"id":1}])", JsonPath()).records, 1);
    }
    SqliteSink sink(f.sink, f.output("replace"), f.job, f.run("r1"));
    REQUIRE(sink.resume(SinkCheckpoint{"", 1, false}));
    sink.write_page(parse_page(R"([])", JsonPath()).records, 2);
    CHECK(f.count("SELECT count(*) FROM orgs") == 1);
    sink.finish();
    CHECK(f.count("SELECT count(*) FROM orgs WHERE id = 1") == 1);
    CHECK(f.count("SELECT count(*) FROM orgs") == 1);
}

TEST_CASE(
    "an output that lost its pages cannot be resumed, and a finished one is not finished twice") {
    Fixture f;
    SqliteSink lost(f.sink, f.output("append"), f.job, f.run("r1"));
    CHECK_FALSE(lost.resume(SinkCheckpoint{"", 3, false}));
    f.write("append", "r2", {R"([{"id":1}])"});
    SqliteSink finished(f.sink, f.output("append"), f.job, f.run("r2"));
    CHECK(finished.resume(SinkCheckpoint{"", 1, true}));
    finished.finish();
    CHECK(f.count("SELECT count(*) FROM orgs") == 1);
}

TEST_CASE("discarding an append run removes its rows and nothing else, distinct keys are counted") {
    Fixture f;
    f.write("append", "r1", {R"([{"id":1}])"});
    SqliteSink sink(f.sink, f.output("append"), f.job, f.run("r2"));
    sink.start();
    sink.write_page(parse_page(R"([{"id":2},{"id":3}])", JsonPath()).records, 1);
    sink.write_page(parse_page(R"([{"id":3}])", JsonPath()).records, 2);
    CHECK(sink.distinct_keys() == std::optional<std::int64_t>(2));
    sink.discard();
    CHECK(f.count("SELECT count(*) FROM orgs") == 1);
    CHECK(f.count("SELECT count(*) FROM orgs WHERE _run_id = 'r1'") == 1);
}

TEST_CASE("a merge table keyed by integers upserts on its rowid, a text key gets a unique index") {
    Fixture f;
    f.write("merge", "r1", {R"([{"id":7,"v":1}])"});
    f.write("merge", "r2", {R"([{"id":7,"v":2}])"});
    CHECK(f.count("SELECT pk FROM pragma_table_info('orgs') WHERE name = 'id'") == 1);
    CHECK(
        f.count("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'orgs__key'") ==
        0);
    CHECK(f.count("SELECT rowid FROM orgs") == 7);
    CHECK(f.count("SELECT json_extract(record, '$.v') FROM orgs") == 2);

    Fixture text;
    text.write("merge", "r1", {R"([{"id":"a7","v":1}])"});
    text.write("merge", "r2", {R"([{"id":"a7","v":2}])"});
    CHECK(text.count(
              "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'orgs__key'") ==
          1);
    CHECK(text.count("SELECT count(*) FROM orgs") == 1);
}

TEST_CASE("a merge run without a record still leaves the table, key column included") {
    Fixture f;
    f.write("merge", "r1", {R"([])"});
    CHECK(f.count("SELECT count(*) FROM pragma_table_info('orgs') WHERE name = 'id'") == 1);
    f.write("merge", "r2", {R"([{"id":1}])"});
    CHECK(f.count("SELECT count(*) FROM orgs") == 1);
}

TEST_CASE(
    "typed columns hold what SQLite makes of each JSON value, and the record keeps its JSON") {
    Fixture f;
    f.use_schema(R"({"id":{"type":"integer"},"n":{"type":"number"},"big":{"type":"integer"},)"
                 R"("o":{"type":"string"},"s":{"type":"string"}})");
    const std::string record =
        R"({"id":1,"n":2,"big":18446744073709551615,"o":{"k":[1,"x"]},"s":42})";
    f.write("append", "r1", {"[" + record + "]"});
    CHECK(f.count("SELECT count(*) FROM orgs WHERE typeof(n) = 'real' AND n = 2.0") == 1);
    CHECK(f.count("SELECT count(*) FROM orgs WHERE o = '{\"k\":[1,\"x\"]}' AND s = '42'") == 1);
    CHECK(f.count("SELECT count(*) FROM orgs WHERE big = '18446744073709551615'") == 1);
    CHECK(f.count("SELECT count(*) FROM orgs WHERE record = '" + record + "'") == 1);
}

TEST_CASE(
    "merge counts the run's keys as it writes: a key seen twice is one, the later record wins") {
    Fixture f;
    f.write("merge", "r1", {R"([{"id":1,"v":"old"},{"id":2,"v":"old"}])"});
    SqliteSink sink(f.sink, f.output("merge"), f.job, f.run("r2"));
    sink.start();
    sink.write_page(parse_page(R"([{"id":2,"v":"a"},{"id":3,"v":"a"}])", JsonPath()).records, 1);
    sink.write_page(
        parse_page(R"([{"id":3,"v":"b"},{"id":4,"v":"b"},{"id":4,"v":"c"}])", JsonPath()).records,
        2);
    // 5 records of run r2 with keys 2, 3 and 4: id 1 belongs to r1, not to this run.
    CHECK(sink.distinct_keys() == std::optional<std::int64_t>(3));
    CHECK(f.count("SELECT count(*) FROM orgs WHERE json_extract(record, '$.v') = 'b' AND id = 3") ==
          1);
    CHECK(f.count("SELECT count(*) FROM orgs WHERE json_extract(record, '$.v') = 'c' AND id = 4") ==
          1);

    // Taken up in another process after a kill, the count comes back with the pages.
    SqliteSink resumed(f.sink, f.output("merge"), f.job, f.run("r2"));
    REQUIRE(resumed.resume(SinkCheckpoint{"", 2, false}));
    CHECK(resumed.distinct_keys() == std::optional<std::int64_t>(3));
    resumed.write_page(parse_page(R"([{"id":1,"v":"d"},{"id":2,"v":"d"}])", JsonPath()).records, 3);
    CHECK(resumed.distinct_keys() == std::optional<std::int64_t>(4));
    resumed.finish();
    CHECK(f.count("SELECT count(*) FROM orgs") == 4);
    CHECK(f.count("SELECT count(*) FROM orgs WHERE _run_id = 'r2'") == 4);
}

TEST_CASE("an output an earlier version made gains the progress table's count of keys") {
    Poco::Data::SQLite::Connector::registerConnector();
    Fixture f;
    {
        Poco::Data::Session session("SQLite", f.sink.fields.text("path"));
        session << "CREATE TABLE _apirunner_progress (job TEXT NOT NULL, tbl TEXT NOT NULL, "
                   "run_id TEXT NOT NULL, pages INTEGER NOT NULL, PRIMARY KEY (job, tbl))",
            now;
    }
    f.write("merge", "r1", {R"([{"id":1}])"});
    CHECK(f.count("SELECT count(*) FROM pragma_table_info('_apirunner_progress') WHERE name = "
                  "'keys'") == 1);
    CHECK(f.count("SELECT count(*) FROM orgs") == 1);
}
