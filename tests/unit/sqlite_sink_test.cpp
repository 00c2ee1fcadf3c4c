#include "extract/page_parser.hpp"
#include "sinks/sqlite_sink.hpp"

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
    JobSpec job;
    Fixture() {
        Poco::File(dir.path()).createDirectories();
        sink = SinkSpec{"db", "sqlite", dir.path() + "/out.sqlite"};
        job.name = "orgs";
        job.primary_key = "id";
    }
    OutputSpec output(const std::string& mode) { return OutputSpec{"db", "orgs", mode}; }
    RunInfo run(const std::string& id) { return RunInfo{"orgs", id, "2026-01-01T00:00:00Z", "2026-01-01"}; }

    void write(const std::string& mode, const std::string& run_id, const std::vector<std::string>& pages) {
        SqliteSink sink_(sink, output(mode), job, run(run_id));
        for (const auto& page : pages) {
            sink_.write_page(parse_page(page, "").records);
        }
        sink_.finish();
    }

    long count(const std::string& sql) {
        Poco::Data::Session session("SQLite", sink.path);
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

TEST_CASE("replace swaps the table in at finish, an aborted replace leaves the old one") {
    Fixture f;
    f.write("replace", "r1", {R"([{"id":1},{"id":2},{"id":3}])"});
    {
        SqliteSink sink(f.sink, f.output("replace"), f.job, f.run("r2"));
        sink.write_page(parse_page(R"([{"id":9}])", "").records);
        CHECK(f.count("SELECT count(*) FROM orgs") == 3);  // readers still see the old table
        sink.abort();
    }
    CHECK(f.count("SELECT count(*) FROM orgs") == 3);
    f.write("replace", "r3", {R"([{"id":7}])"});
    CHECK(f.count("SELECT count(*) FROM orgs") == 1);
    CHECK(f.count("SELECT count(*) FROM sqlite_master WHERE name LIKE '%staging%'") == 0);
}

TEST_CASE("a record schema gives typed columns, and booleans are stored as 0/1") {
    Fixture f;
    f.job.record_schema = f.dir.path() + "/schema.json";
    std::ofstream(f.job.record_schema)
        << R"({"type":"object","properties":{"id":{"type":"integer"},"ok":{"type":"boolean"},)"
           R"("price":{"type":["number","null"]},"tags":{"type":"array"}}})";
    f.write("merge", "r1", {R"([{"id":1,"ok":true,"price":2.5,"tags":["x"]},{"id":2,"ok":false,"price":null}])"});
    CHECK(f.count("SELECT count(*) FROM orgs WHERE ok = 1 AND typeof(price) = 'real'") == 1);
    CHECK(f.count("SELECT count(*) FROM orgs WHERE ok = 0 AND price IS NULL") == 1);
    CHECK(f.count("SELECT count(*) FROM pragma_table_info('orgs') WHERE name = 'tags'") == 0);
}

TEST_CASE("a record without the primary key fails the page, and the page is not half-written") {
    Fixture f;
    SqliteSink sink(f.sink, f.output("merge"), f.job, f.run("r1"));
    sink.write_page(parse_page(R"([{"id":1}])", "").records);
    CHECK_THROWS_WITH(sink.write_page(parse_page(R"([{"id":2},{"name":"no id"}])", "").records),
                      "record 2 of the page has no primary key 'id'");
    CHECK(f.count("SELECT count(*) FROM orgs") == 1);
}

TEST_CASE("a sink that cannot open its file says which") {
    Fixture f;
    f.sink.path = "/proc/forbidden/out.sqlite";
    CHECK_THROWS_WITH(SqliteSink(f.sink, f.output("append"), f.job, f.run("r1")),
                      Catch::StartsWith("sink 'db': cannot open '/proc/forbidden/out.sqlite'"));
}
