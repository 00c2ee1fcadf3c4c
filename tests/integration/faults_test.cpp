// What real APIs do to a run — 503s, 429s, connections cut mid-body, broken JSON — injected by
// the sandbox: the run survives with every record exactly once, or fails with one clear line.
#include "workdir.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace itest;

namespace {

std::string jobs_with_retries(const Sandbox& sandbox, int max_attempts, int per_page = 50) {
    std::string jobs = mediamath_jobs(sandbox, "", per_page);
    jobs.replace(jobs.find("max_attempts: 2"), 15, "max_attempts: " + std::to_string(max_attempts));
    return jobs;
}

}  // namespace

TEST_CASE("faults: 503s, dropped connections and broken JSON are retried, every record once") {
    Sandbox sandbox(
        {"--records", "500", "--fail-every", "3", "--drop-every", "5", "--garbage-every", "7"});
    Workdir work;
    work.write("jobs.yaml", jobs_with_retries(sandbox, 5));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml", "--log-level", "debug"});
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("500 records, 10 pages") && Catch::Contains("retries"));
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(*) FROM orgs") == 500);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM orgs") == 500);
    const auto lines = lines_of(work.read("out/orgs.jsonl"));
    CHECK(lines.size() == 500);
    CHECK(std::set<std::string>(lines.begin(), lines.end()).size() == 500);
    CHECK(sandbox.count("fault: 503") >= 1);
    CHECK(sandbox.count("fault: connection dropped mid-body") >= 1);
    CHECK(sandbox.count("fault: broken JSON") >= 1);
    CHECK_THAT(run.err,
               Catch::Contains("truncated response") && Catch::Contains("fetching it again"));
}

TEST_CASE("faults: a 429 waits for Retry-After and the run completes") {
    Sandbox sandbox({"--records", "250", "--rate-limit", "2"});
    Workdir work;
    work.write("jobs.yaml", jobs_with_retries(sandbox, 5));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    REQUIRE(run.exit_code == 0);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM orgs") == 250);
    CHECK(sandbox.count("fault: 429") >= 1);
    CHECK_THAT(run.err, Catch::Contains("waiting") && Catch::Contains("ms before retrying"));
}

TEST_CASE("faults: a provider that keeps failing ends the job with exit 69 and what it answered") {
    Sandbox sandbox({"--fail-every", "1"});
    Workdir work;
    work.write("jobs.yaml", jobs_with_retries(sandbox, 3));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 69);
    CHECK_THAT(run.err,
               Catch::Contains(
                   "job 'orgs' failed (provider unavailable): provider 'mediamath': gave up "
                   "after 3 attempts: GET /mediamath/api/v3.0/organizations answered HTTP 503"));
    CHECK(sandbox.count("fault: 503") == 3);
    CHECK_FALSE(work.exists("out/orgs.jsonl"));
}

TEST_CASE(
    "faults: pages that are never valid JSON end the job with exit 65, nothing half-written") {
    Sandbox sandbox({"--garbage-every", "1"});
    Workdir work;
    work.write("jobs.yaml", jobs_with_retries(sandbox, 2));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 65);
    CHECK_THAT(run.err,
               Catch::Contains("page 1 of /api/v3.0/organizations: the page is not valid JSON"));
    CHECK_FALSE(work.exists("out/orgs.jsonl"));
}

TEST_CASE("faults: a connection cut short on every try is a truncation, exit 69") {
    Sandbox sandbox({"--drop-every", "1"});
    Workdir work;
    work.write("jobs.yaml", jobs_with_retries(sandbox, 2));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 69);
    CHECK_THAT(run.err, Catch::Contains("truncated response"));
}

TEST_CASE(
    "faults: records inserted while paging are reported: the total moved and keys came twice") {
    Sandbox sandbox({"--records", "100", "--total-drift", "5"});
    Workdir work;
    work.write("jobs.yaml", jobs_with_retries(sandbox, 2, 10));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(
        run.out,
        Catch::Contains("job orgs: ok, 105 records, 11 pages") &&
            Catch::Contains("warning: the total changed during the run, from 100 to 105") &&
            Catch::Contains("warning: 5 records repeated a primary key already seen in this run "
                            "(100 different keys)"));
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(*) FROM orgs") == 100);
}

TEST_CASE("faults: with on_drift: fail, a run the audit doubts exits 65 and publishes nothing") {
    Sandbox sandbox({"--records", "100", "--total-drift", "5"});
    Workdir work;
    std::string jobs = jobs_with_retries(sandbox, 2, 10);
    jobs.replace(jobs.find("primary_key: id"), 15, "primary_key: id\n    on_drift: fail");
    jobs.replace(jobs.find("mode: merge"), 11, "mode: append");
    work.write("jobs.yaml", jobs);
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 65);
    CHECK_THAT(run.err, Catch::Contains(
                            "job 'orgs' failed (bad data from provider): the integrity audit "
                            "failed (on_drift: fail): the total changed during the run, from 100 "
                            "to 105; 5 records repeated") &&
                            Catch::Contains("the run was discarded"));
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(*) FROM orgs") == 0);
    CHECK_FALSE(work.exists("out/orgs.jsonl"));
    CHECK(work.sql("state/state.db", "SELECT count(*) FROM checkpoints") == 0);
}

TEST_CASE(
    "faults: a provider's rate_limit keeps the run under the API's limit, so no request gets a "
    "429") {
    Sandbox sandbox({"--records", "120", "--rate-limit", "8"});
    Workdir work;
    std::string jobs = jobs_with_retries(sandbox, 1, 10);
    jobs.replace(jobs.find("    retry:"), 0, "    rate_limit: {requests: 4, per: 1s}\n");
    work.write("jobs.yaml", jobs);
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(sandbox.count("fault: 429") == 0);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM orgs") == 120);

    jobs.replace(jobs.find("per: 1s"), 7, "per: soon");
    work.write("jobs.yaml", jobs);
    Finished bad = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(bad.exit_code == 78);
    CHECK_THAT(bad.err,
               Catch::Contains("providers.mediamath.rate_limit.per: must be a period such as 1s, "
                               "500ms, 1m or 1h, not 'soon'"));
}
