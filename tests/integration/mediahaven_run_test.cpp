// MediaHaven end to end: the resource-owner password grant at ropc.php, refresh tokens that
// rotate (the old pair dies), a dead refresh token answered by a new login, page paging.
#include "workdir.hpp"

#include <catch2/catch.hpp>

#include <thread>

using namespace itest;

namespace {

std::string mediahaven_jobs(const Sandbox& sandbox,
                            const std::string& password = "SENTINEL-mhv-password",
                            int page_size = 25) {
    return jobs_yaml(sandbox, R"(  mediahaven:
    plugin: mediahaven
    base_url: {sandbox}/mediahaven
    credentials:
      username: haven@example.com
      password: )" + password + R"(
      client_id: mhv-sandbox-client
      client_secret: SENTINEL-mhv-client-secret
    retry: {max_attempts: 2, base_delay_ms: 10}
)",
                     R"(  records:
    provider: mediahaven
    request: {path: /mediahaven-rest-api/v2/records}
    paging: {type: page, limit: )" +
                         std::to_string(page_size) + R"(, limit_param: nrOfResults,
             page_param: page, records: Results, total: TotalNrOfResults}
    primary_key: RecordId
    output:
      - {sink: warehouse, table: records, mode: merge}
      - {sink: files, mode: replace}
)");
}

}  // namespace

TEST_CASE("mediahaven: numbered pages arrive exactly once after a ropc.php login") {
    Sandbox sandbox({"--records", "260"});
    Workdir work;
    work.write("jobs.yaml", mediahaven_jobs(sandbox));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml", "--log-level", "debug"});
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("job records: ok, 260 records, 11 pages"));
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT RecordId) FROM records") == 260);
    CHECK(lines_of(work.read("out/records.jsonl")).size() == 260);
    CHECK(sandbox.count("login (password grant)") == 1);
}

TEST_CASE("mediahaven: every refresh uses the newest refresh token, so rotation never fails") {
    Sandbox sandbox({"--records", "80", "--token-ttl", "1", "--latency-ms", "150"});
    Workdir work;
    work.write("jobs.yaml", mediahaven_jobs(sandbox, "SENTINEL-mhv-password", 5));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    REQUIRE(run.exit_code == 0);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT RecordId) FROM records") == 80);
    CHECK(sandbox.count("login (password grant)") == 1);
    CHECK(sandbox.count("refresh (rotated)") >= 2);
    CHECK(sandbox.count("refresh refused") == 0);
}

TEST_CASE("mediahaven: four pages at once share one rotating session: each renewal is made once") {
    Sandbox sandbox({"--records", "80", "--token-ttl", "1", "--latency-ms", "300"});
    Workdir work;
    std::string jobs = mediahaven_jobs(sandbox, "SENTINEL-mhv-password", 5);
    const std::string total = "total: TotalNrOfResults}";
    jobs.replace(jobs.find(total), total.size(), "total: TotalNrOfResults, concurrency: 4}");
    work.write("jobs.yaml", jobs);
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT RecordId) FROM records") == 80);
    CHECK(lines_of(work.read("out/records.jsonl")).size() == 80);
    CHECK(sandbox.count("4 requests at once") == 1);
    CHECK(sandbox.count("login (password grant)") == 1);
    CHECK(sandbox.count("refresh (rotated)") >= 1);
    CHECK(sandbox.count("refresh refused") == 0);
}

TEST_CASE("mediahaven: a dead refresh token (401) means starting over with a new login") {
    Sandbox sandbox(
        {"--records", "60", "--token-ttl", "1", "--refresh-ttl", "1", "--latency-ms", "400"});
    Workdir work;
    work.write("jobs.yaml", mediahaven_jobs(sandbox, "SENTINEL-mhv-password", 5));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    REQUIRE(run.exit_code == 0);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT RecordId) FROM records") == 60);
    CHECK(sandbox.count("refresh refused") >= 1);
    CHECK(sandbox.count("login (password grant)") >= 2);
}

TEST_CASE("mediahaven: a wrong password is exit 77 and is not retried") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", mediahaven_jobs(sandbox, "SENTINEL-wrong"));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 77);
    CHECK_THAT(run.err, Catch::Contains(
                            "provider 'mediahaven': the password grant was refused: invalid_grant "
                            "(Invalid username and password combination)"));
    CHECK(sandbox.count("login refused") == 1);
}

TEST_CASE("mediahaven: auth check shows what token introspection says, and never a token") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", mediahaven_jobs(sandbox));
    Finished run = work.apirunner({"auth", "check", "mediahaven", "--config", "jobs.yaml"});
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("provider mediahaven: logged in") &&
                            Catch::Contains("refresh_token: yes") &&
                            Catch::Contains("introspection.active: true") &&
                            Catch::Contains("introspection.username: haven@example.com"));
    CHECK(sandbox.count("introspection") == 1);
}

TEST_CASE("mediahaven: two processes sharing a rotating session never spend a dead refresh token") {
    Sandbox sandbox({"--records", "40", "--token-ttl", "1", "--latency-ms", "100"});
    Workdir work;
    work.write("jobs.yaml", mediahaven_jobs(sandbox, "SENTINEL-mhv-password", 4));
    REQUIRE(work.apirunner({"run", "--config", "jobs.yaml"}).exit_code == 0);  // stores a pair

    // Two jobs on the one profile (one job never runs twice at once: its lock refuses).
    std::string twin = mediahaven_jobs(sandbox, "SENTINEL-mhv-password", 4);
    twin.replace(twin.find("  records:"), 10, "  records-twin:");
    twin.replace(twin.find("table: records"), 14, "table: records_twin");
    work.write("twin.yaml", twin);

    // Catch's assertions are not thread-safe: run both, then check.
    const std::vector<std::string> args = {"run", "--config", "jobs.yaml", "--plugin-path",
                                           PLUGIN_DIR};
    const std::vector<std::string> twin_args = {"run", "--config", "twin.yaml", "--plugin-path",
                                                PLUGIN_DIR};
    Finished first;
    Finished second;
    std::thread one([&] { first = run(APIRUNNER_BIN, args, work.path()); });
    std::thread two([&] { second = run(APIRUNNER_BIN, twin_args, work.path()); });
    one.join();
    two.join();
    INFO("first: " << first.err << "\nsecond: " << second.err);
    CHECK(first.exit_code == 0);
    CHECK(second.exit_code == 0);
    CHECK(sandbox.count("refresh (rotated)") >= 2);
    CHECK(sandbox.count("refresh refused") == 0);
    CHECK(sandbox.count("login (password grant)") == 1);
    CHECK((first.err + first.out + second.err + second.out).find("SENTINEL-") == std::string::npos);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT RecordId) FROM records") == 40);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT RecordId) FROM records_twin") ==
          40);
}
