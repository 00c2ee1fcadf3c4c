// The real apirunner against the real sandbox over loopback, MediaMath end to end.
#include "workdir.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <set>
#include <thread>

using namespace itest;

TEST_CASE("a run writes every MediaMath record exactly once to SQLite and to JSON Lines") {
    Sandbox sandbox({"--records", "250"});
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml", "--log-level", "debug"});
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("job orgs: ok, 250 records, 3 pages"));

    CHECK(work.sql("out/extracts.sqlite", "SELECT count(*) FROM orgs") == 250);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM orgs") == 250);
    CHECK(work.sql("out/extracts.sqlite", "SELECT min(id) FROM orgs") == 100000);
    CHECK(work.sql("out/extracts.sqlite", "SELECT max(id) FROM orgs") == 100249);
    CHECK(work.sql("out/extracts.sqlite",
                   "SELECT count(*) FROM orgs WHERE json_extract(record, '$.name') = "
                   "'Organization ' || (id - 99999) AND _run_id <> '' AND _extracted_at <> ''") ==
          250);

    const auto lines = lines_of(work.read("out/orgs.jsonl"));
    CHECK(lines.size() == 250);
    std::set<std::string> distinct(lines.begin(), lines.end());
    CHECK(distinct.size() == 250);
    CHECK_FALSE(work.exists("out/orgs.jsonl.tmp"));

    // The sandbox saw one login and one v2.0 session, then only API pages.
    CHECK(sandbox.count("login (password grant)") == 1);
    CHECK(sandbox.count("v2.0 session") == 1);
    CHECK(sandbox.count("401") == 0);
}

TEST_CASE("pages of any size, including a last short one, add up to the total") {
    Sandbox sandbox({"--records", "1234"});
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox, "", 97));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("1234 records, 13 pages"));
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM orgs") == 1234);
}

TEST_CASE("a second merge run doubles nothing") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox));
    REQUIRE(work.apirunner({"run", "--config", "jobs.yaml"}).exit_code == 0);
    REQUIRE(work.apirunner({"run", "orgs", "--config", "jobs.yaml"}).exit_code == 0);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(*) FROM orgs") == 250);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT _run_id) FROM orgs") == 1);
    CHECK(lines_of(work.read("out/orgs.jsonl")).size() == 250);
}

TEST_CASE("a dry run logs in and reads a page but writes nothing") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox));
    Finished run = work.apirunner({"run", "--dry-run", "--config", "jobs.yaml"});
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("dry run ok, 100 records, 1 pages"));
    CHECK_FALSE(work.exists("out"));
    CHECK_FALSE(work.exists("state"));
}

TEST_CASE("a wrong password fails with exit 77, names the provider and leaks nothing") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml", "--log-level", "debug"},
                                  {{"MM_PASSWORD", "SENTINEL-wrong-password"}});
    CHECK(run.exit_code == 77);
    CHECK_THAT(run.err, Catch::Contains("job 'orgs' failed (credentials refused): provider "
                                        "'mediamath': the password grant was refused: "
                                        "invalid_grant (Wrong email or password.)"));
    CHECK_FALSE(work.exists("out/orgs.jsonl"));
    // One attempt only: retrying a refused password locks accounts.
    CHECK(sandbox.count("login refused") == 1);
}

TEST_CASE("the v3.0 API refuses calls without the adama_session cookie, and the run says so") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox, "    options: {legacy_session: false}\n"));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 77);
    CHECK_THAT(run.err, Catch::Contains("answered HTTP 401") &&
                            Catch::Contains("a valid adama_session cookie is required") &&
                            Catch::Contains("even after renewing the session"));
    // The 401 was answered with one refresh, not a second password login.
    CHECK(sandbox.count("refresh") == 1);
    CHECK(sandbox.count("login (password grant)") == 1);
}

TEST_CASE("an unreachable provider fails with exit 69 after the configured attempts") {
    Workdir work;
    std::string jobs;
    {
        Sandbox gone;  // a port that was free a moment ago
        jobs = mediamath_jobs(gone);
    }
    work.write("jobs.yaml", jobs);
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 69);
    CHECK_THAT(run.err, Catch::Contains("job 'orgs' failed (provider unavailable)") &&
                            Catch::Contains("cannot reach http://127.0.0.1:"));
}

TEST_CASE("history lists past runs with their outcome") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox));
    REQUIRE(work.apirunner({"run", "--config", "jobs.yaml"}).exit_code == 0);
    std::string broken = mediamath_jobs(sandbox);
    broken.replace(broken.find("/api/v3.0/organizations"), 23, "/api/v3.0/nothing-here");
    work.write("jobs.yaml", broken);
    CHECK(work.apirunner({"run", "--config", "jobs.yaml"}).exit_code == 65);
    Finished history = work.apirunner({"history", "orgs", "--config", "jobs.yaml"});
    REQUIRE(history.exit_code == 0);
    const auto rows = lines_of(history.out);
    REQUIRE(rows.size() == 3);
    CHECK_THAT(rows[1], Catch::Contains("failed") && Catch::Contains("answered HTTP 404"));
    CHECK_THAT(rows[2], Catch::Contains("ok") && Catch::Contains("250"));
}

TEST_CASE("the state database is private to its owner") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox));
    REQUIRE(work.apirunner({"run", "--config", "jobs.yaml"}).exit_code == 0);
    Finished mode = run("/usr/bin/stat", {"-c", "%a", work.file("state/state.db")}, "");
    CHECK(mode.out == "600\n");
}

TEST_CASE("a second run reuses the stored session instead of logging in again") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox));
    REQUIRE(work.apirunner({"run", "--config", "jobs.yaml"}).exit_code == 0);
    Finished second = work.apirunner({"run", "--config", "jobs.yaml"},
                                     {{"MM_PASSWORD", "SENTINEL-no-longer-needed"}});
    REQUIRE(second.exit_code == 0);
    CHECK_THAT(second.err, Catch::Contains("reusing the stored session"));
    CHECK(sandbox.count("login (password grant)") == 1);
    CHECK(sandbox.count("v2.0 session") == 2);  // the legacy cookie is fetched anew each run
    // The tokens are in the state database and nowhere else.
    CHECK(work.sql("state/state.db", "SELECT count(*) FROM sessions WHERE profile = 'mediamath'") ==
          1);
    CHECK(work.read("out/orgs.jsonl").find("SENTINEL-") == std::string::npos);
}

TEST_CASE("a stored session past its lifetime is refreshed, not replaced by a new login") {
    Sandbox sandbox({"--token-ttl", "2"});
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox));
    REQUIRE(work.apirunner({"run", "--config", "jobs.yaml"}).exit_code == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
    REQUIRE(work.apirunner({"run", "--config", "jobs.yaml"}).exit_code == 0);
    CHECK(sandbox.count("login (password grant)") == 1);
    CHECK(sandbox.count("refresh") >= 1);
}

TEST_CASE(
    "auth status shows the stored session, auth logout forgets it, and the next run logs in") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox));
    Finished none = work.apirunner({"auth", "status", "--config", "jobs.yaml"});
    REQUIRE(none.exit_code == 0);
    CHECK_THAT(none.out, Catch::Contains("mediamath") && Catch::Contains("none"));
    CHECK_FALSE(work.exists("state/state.db"));  // looking does not create the state file

    REQUIRE(work.apirunner({"run", "--config", "jobs.yaml"}).exit_code == 0);
    Finished stored = work.apirunner({"auth", "status", "--config", "jobs.yaml"});
    CHECK_THAT(lines_of(stored.out).at(1), Catch::Contains("stored") && Catch::Contains("yes"));

    Finished logout = work.apirunner({"auth", "logout", "mediamath", "--config", "jobs.yaml"});
    CHECK(logout.exit_code == 0);
    CHECK_THAT(work.apirunner({"auth", "status", "--config", "jobs.yaml"}).out,
               Catch::Contains("none"));
    REQUIRE(work.apirunner({"run", "--config", "jobs.yaml"}).exit_code == 0);
    CHECK(sandbox.count("login (password grant)") == 2);
}

TEST_CASE(
    "a run of 500 pages over 2-second tokens finishes with every record, refreshing, not logging "
    "in") {
    Sandbox sandbox({"--records", "500", "--token-ttl", "2", "--latency-ms", "10"});
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox, "", 1));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("500 records, 500 pages"));
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM orgs") == 500);
    CHECK(sandbox.count("login (password grant)") == 1);
    CHECK(sandbox.count("refresh") >= 2);
    CHECK(sandbox.count("401") == 0);
}

TEST_CASE("with state_key_env the stored tokens are encrypted, and refused without the key") {
    Sandbox sandbox;
    Workdir work;
    const std::string jobs = mediamath_jobs(sandbox);
    work.write("jobs.yaml", "state_key_env: APIRUNNER_STATE_KEY\n" + jobs);
    const std::map<std::string, std::string> key = {{"APIRUNNER_STATE_KEY", "SENTINEL-state-key"}};
    REQUIRE(work.apirunner({"run", "--config", "jobs.yaml"}, key).exit_code == 0);
    REQUIRE(work.apirunner({"run", "--config", "jobs.yaml"}, key).exit_code == 0);
    CHECK(sandbox.count("login (password grant)") == 1);
    CHECK(work.sql("state/state.db",
                   "SELECT count(*) FROM sessions WHERE data LIKE 'enc:v1:%' "
                   "AND data NOT LIKE '%SENTINEL%'") == 1);

    Finished no_key = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(no_key.exit_code == 78);
    CHECK_THAT(
        no_key.err,
        Catch::Contains("state_key_env: environment variable APIRUNNER_STATE_KEY is not set"));
    work.write("jobs.yaml", jobs);  // the key dropped from the file: the sealed session is refused
    Finished unkeyed = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(unkeyed.exit_code == 78);
    CHECK_THAT(unkeyed.err, Catch::Contains("is encrypted; set state_key_env"));
    CHECK_THAT(work.apirunner({"auth", "status", "--config", "jobs.yaml"}).out,
               Catch::Contains("sealed"));
}

namespace {

// The MediaMath job with `concurrency` added to its offset paging.
std::string concurrent_jobs(const Sandbox& sandbox, int per_page, int concurrency) {
    std::string jobs = mediamath_jobs(sandbox, "", per_page);
    const std::string total = "total: meta.total_count}";
    jobs.replace(jobs.find(total), total.size(),
                 "total: meta.total_count, concurrency: " + std::to_string(concurrency) + "}");
    return jobs;
}

// The ids of a JSON Lines output, in the file's order.
std::vector<long> ids_in_order(const std::string& text) {
    std::vector<long> ids;
    for (const auto& line : lines_of(text)) {
        ids.push_back(std::stol(line.substr(line.find("\"id\":") + 5)));
    }
    return ids;
}

}  // namespace

TEST_CASE(
    "concurrency: 4 fetches four pages at once and still writes every record once, in order") {
    Sandbox sandbox({"--records", "1000", "--latency-ms", "100"});
    Workdir work;
    work.write("jobs.yaml", concurrent_jobs(sandbox, 100, 4));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("job orgs: ok, 1000 records, 10 pages"));
    CHECK(sandbox.count("4 requests at once") == 1);
    CHECK(sandbox.count("5 requests at once") == 0);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM orgs") == 1000);
    std::vector<long> expected(1000);
    for (long i = 0; i < 1000; ++i) {
        expected[i] = 100000 + i;
    }
    CHECK(ids_in_order(work.read("out/orgs.jsonl")) == expected);
    CHECK(sandbox.count("login (password grant)") == 1);  // one session for every connection
}

TEST_CASE(
    "concurrency with a page size the server caps plans pages at the size it gives, and misses "
    "nothing") {
    Sandbox sandbox({"--records", "5000"});  // MediaMath gives at most 1,000 a page
    Workdir work;
    work.write("jobs.yaml", concurrent_jobs(sandbox, 1500, 4));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("job orgs: ok, 5000 records, 5 pages"));
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM orgs") == 5000);
    const auto ids = ids_in_order(work.read("out/orgs.jsonl"));
    CHECK(ids.size() == 5000);
    CHECK(std::is_sorted(ids.begin(), ids.end()));
    CHECK(std::set<long>(ids.begin(), ids.end()).size() == 5000);
}
