// Incremental jobs through the real binary, against the sandbox's GitHub issues (their `since`
// filter, and its control request that edits and opens issues between two nights): a second
// night reads only what changed, a kill leaves the bookmark where it was, a one-off range moves
// nothing, and `state` shows, sets and resets the bookmark.
#include "incremental_helpers.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <thread>

using namespace itest;

namespace {

constexpr const char* k_job = "github-issues-changed";
const std::vector<std::string> k_run = {"run", "--config", "jobs.yaml"};

std::string bookmark(const Workdir& work) { return stored_bookmark(work, k_job); }

Poco::Int64 rows(const Workdir& work, const std::string& where = "1") {
    return work.sql("out/extracts.sqlite", "SELECT count(*) FROM github_issues WHERE " + where);
}

}  // namespace

TEST_CASE(
    "incremental: the second night reads only what changed, and the table holds each new "
    "value once") {
    Sandbox sandbox({"--records", "2537"});
    Workdir work;
    work.write("jobs.yaml", shipped_jobs(sandbox, "github/issues_incremental.yaml"));
    const Finished night1 = work.apirunner(k_run);
    REQUIRE(night1.exit_code == 0);
    CHECK(records_and_pages(night1).first == 2537);
    const std::string first_mark = bookmark(work);
    REQUIRE_FALSE(first_mark.empty());
    CHECK_THAT(night1.out, Catch::Contains("bookmark: (none) -> " + first_mark));

    change_records(sandbox, "github", 50, 50);
    const Finished night2 = work.apirunner(k_run);
    REQUIRE(night2.exit_code == 0);
    // The 100 changes, and the few issues of the 5 minute lookback: 2 pages of 100, not 27.
    const auto [records, pages] = records_and_pages(night2);
    CHECK(records >= 100);
    CHECK(records <= 110);
    CHECK(pages == 2);
    CHECK(rows(work) == 2587);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM github_issues") == 2587);
    CHECK(rows(work, "json_extract(record, '$.title') LIKE '%(edited 1)'") == 50);
    const std::string second_mark = bookmark(work);
    CHECK(first_mark < second_mark);
    CHECK_THAT(night2.out, Catch::Contains("bookmark: " + first_mark + " -> " + second_mark));

    // A night with no change re-reads the lookback window and leaves the bookmark.
    const Finished night3 = work.apirunner(k_run);
    REQUIRE(night3.exit_code == 0);
    CHECK(records_and_pages(night3).second <= 2);
    CHECK_THAT(night3.out, Catch::Contains("bookmark: " + second_mark + " (unchanged)"));
    CHECK(rows(work) == 2587);
}

TEST_CASE("incremental: a night killed part-way keeps the bookmark, and its rerun is exact") {
    Sandbox sandbox({"--records", "600", "--latency-ms", "100"});
    Workdir work;
    std::string jobs = shipped_jobs(sandbox, "github/issues_incremental.yaml");
    jobs.replace(jobs.find("limit: 100"), 10, "limit: 20");
    jobs.replace(jobs.find("mode: merge"), 11, "mode: append");  // a page stored twice would show
    work.write("jobs.yaml", jobs);
    const Finished checked = work.apirunner({"validate", "--config", "jobs.yaml"});
    CHECK(checked.exit_code == 0);  // allowed, with a word on the lookback's overlap
    CHECK_THAT(checked.err, Catch::Contains("warning: jobs.github-issues-changed.output.mode: "
                                            "append stores the records of incremental.lookback"));
    REQUIRE(work.apirunner(k_run).exit_code == 0);
    const std::string first_mark = bookmark(work);
    change_records(sandbox, "github", 300, 100);

    Running night2(APIRUNNER_BIN, {"run", "--config", "jobs.yaml", "--log-level", "debug"},
                   work.path());
    wait_for_checkpoint_past(work, 0, ".apirunner/state.db");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    night2.signal(SIGKILL);
    REQUIRE(night2.wait(60).exit_code == 128 + SIGKILL);
    CHECK(bookmark(work) == first_mark);  // not moved by a run that did not finish

    const Finished rerun = work.apirunner(k_run);
    REQUIRE(rerun.exit_code == 0);
    CHECK_THAT(rerun.out, Catch::Contains("resumed after page"));
    // Night 1's 600, then night 2's 400 changes and the lookback's few, each stored once.
    CHECK(rows(work, "json_extract(record, '$.title') LIKE '%(edited 1)'") == 300);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM github_issues") == 700);
    CHECK(rows(work) - 600 == records_and_pages(rerun).first);
    CHECK(first_mark < bookmark(work));
}

TEST_CASE(
    "incremental: --since reads a range once and leaves the bookmark, and state sets and "
    "resets it") {
    Sandbox sandbox({"--records", "300"});
    Workdir work;
    work.write("jobs.yaml", shipped_jobs(sandbox, "github/issues_incremental.yaml"));
    REQUIRE(work.apirunner(k_run).exit_code == 0);
    const std::string mark = bookmark(work);

    const Finished once =
        work.apirunner({"run", k_job, "--config", "jobs.yaml", "--since", "2020-01-01T00:00:00Z"});
    REQUIRE(once.exit_code == 0);
    CHECK(records_and_pages(once).first == 300);  // everything since 2020
    CHECK(bookmark(work) == mark);

    const Finished garbage =
        work.apirunner({"run", k_job, "--config", "jobs.yaml", "--since", "last tuesday"});
    CHECK(garbage.exit_code == 78);
    CHECK_THAT(garbage.err, Catch::Contains("--since 'last tuesday' is not a value of "
                                            "incremental.format iso8601"));
    const Finished both =
        work.apirunner({"run", "--config", "jobs.yaml", "--since", "2020-01-01", "--full-refresh"});
    CHECK(both.exit_code == 64);

    const Finished set =
        work.apirunner({"state", "set", k_job, "2026-01-01", "--config", "jobs.yaml"});
    REQUIRE(set.exit_code == 0);
    CHECK_THAT(set.out, Catch::Contains("bookmark was " + mark + ", now 2026-01-01T00:00:00Z"));
    CHECK(bookmark(work) == "2026-01-01T00:00:00Z");
    const Finished refused =
        work.apirunner({"state", "set", k_job, "tomorrow", "--config", "jobs.yaml"});
    CHECK(refused.exit_code == 64);
    CHECK_THAT(refused.err, Catch::Contains("'tomorrow' is not a value of job"));
    const Finished reset = work.apirunner({"state", "reset", k_job, "--config", "jobs.yaml"});
    REQUIRE(reset.exit_code == 0);
    CHECK_THAT(reset.out, Catch::Contains("now (none): the next run starts from 30d"));
    CHECK(bookmark(work).empty());
    CHECK(work.apirunner({"state", "show", "no-such-job", "--config", "jobs.yaml"}).exit_code ==
          64);
}

namespace {

// The generic API's events behind an API key, with `job` (its lines indented by 2).
std::string events_jobs(const Sandbox& sandbox, const std::string& job) {
    return jobs_yaml(sandbox,
                     "  api:\n    plugin: apikey\n    base_url: {sandbox}/generic\n"
                     "    credentials: {key: SENTINEL-generic-api-key}\n",
                     job);
}

const char* k_windowed = R"(  events:
    provider: api
    request: {path: /v1/events}
    paging: {type: page, limit: 50, limit_param: per_page, records: events, total: total}
    incremental: {cursor: occurred_at, param: start_date, end_param: end_date, format: date,
                  start: 30d, window: 7d}
    primary_key: id
    output: {sink: warehouse, table: events, mode: append}
)";

}  // namespace

TEST_CASE("incremental: 30 days in 7-day windows, killed midway, resume at their window, exact") {
    Sandbox sandbox({"--records", "1000", "--latency-ms", "150"});
    Workdir clean;
    clean.write("jobs.yaml", events_jobs(sandbox, k_windowed));
    REQUIRE(clean.apirunner(k_run).exit_code == 0);
    const Poco::Int64 expected = clean.sql("out/extracts.sqlite", "SELECT count(*) FROM events");
    CHECK(expected >= 29 * 24);                // 30 days of hourly events, but for today's
    CHECK(sandbox.count("events: 400") == 0);  // no window wider than the API takes
    CHECK(sandbox.count("events page 1 of ") == 5);

    Workdir work;
    work.write("jobs.yaml", events_jobs(sandbox, k_windowed));
    Running killed(APIRUNNER_BIN, k_run, work.path());
    wait_for_checkpoint_past(work, 4);  // past the first window (4 pages)
    killed.signal(SIGKILL);
    REQUIRE(killed.wait(60).exit_code == 128 + SIGKILL);
    const Finished rerun = work.apirunner(k_run);
    REQUIRE(rerun.exit_code == 0);
    CHECK_THAT(rerun.out, Catch::Contains("resumed after page"));
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(*) FROM events") == expected);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM events") == expected);
}

TEST_CASE("incremental: a list newest first stops at the first page behind the bookmark") {
    Sandbox sandbox({"--records", "500"});
    Workdir work;
    work.write("jobs.yaml", events_jobs(sandbox, R"(  recent:
    provider: api
    request: {path: /v1/events/recent}
    paging: {type: page, limit: 50, limit_param: per_page, records: events}
    incremental: {cursor: occurred_at, order: descending, lookback: 2h}
    primary_key: id
    output: {sink: warehouse, table: events, mode: merge}
)"));
    const Finished night1 = work.apirunner(k_run);
    REQUIRE(night1.exit_code == 0);
    CHECK(records_and_pages(night1).first == 500);
    const Finished night2 = work.apirunner(k_run);
    REQUIRE(night2.exit_code == 0);
    // Page 1 holds the bookmark's hours; page 2 is wholly older: the walk ends there, not at 10.
    CHECK(records_and_pages(night2) == std::pair<int, int>(100, 2));
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(*) FROM events") == 500);
}

TEST_CASE("incremental: edits made between a kill and its resume are all read by the next night") {
    // The resumed run goes on from its page number while the list, sorted by updated_at, has
    // shifted under it: the bookmark may not move past what was read before the kill.
    Sandbox sandbox({"--records", "600", "--latency-ms", "100"});
    Workdir work;
    std::string jobs = shipped_jobs(sandbox, "github/issues_incremental.yaml");
    jobs.replace(jobs.find("limit: 100"), 10, "limit: 20");
    jobs.replace(jobs.find("lookback: 5m"), 12, "lookback: 1s");
    work.write("jobs.yaml", jobs);
    REQUIRE(work.apirunner(k_run).exit_code == 0);
    change_records(sandbox, "github", 300, 0);
    // Night 2 starts well after those edits, so its own start time (a cap of the bookmark too)
    // would leave them behind; only the cap at what was read before the kill keeps them.
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
    Running night2(APIRUNNER_BIN, k_run, work.path());
    wait_for_checkpoint_past(work, 1, ".apirunner/state.db");
    night2.signal(SIGKILL);
    REQUIRE(night2.wait(60).exit_code == 128 + SIGKILL);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // the next edits a second on
    change_records(sandbox, "github", 50,
                   0);  // every twelfth issue again, all of them among the 300
    REQUIRE(work.apirunner(k_run).exit_code == 0);
    REQUIRE(work.apirunner(k_run).exit_code == 0);
    CHECK(rows(work) == 600);
    CHECK(rows(work, "json_extract(record, '$.title') LIKE '%(edited 2)'") == 50);
    CHECK(rows(work, "json_extract(record, '$.title') LIKE '%(edited 1)'") == 250);
}

TEST_CASE("incremental: Stripe's created[gte] brings the customers who signed up since") {
    Sandbox sandbox({"--records", "300"});
    Workdir work;
    work.write("jobs.yaml", shipped_jobs(sandbox, "stripe/customers_incremental.yaml"));
    const Finished night1 = work.apirunner(k_run);
    REQUIRE(night1.exit_code == 0);
    CHECK(records_and_pages(night1) == std::make_pair(300, 3));
    // The 300th customer was created at 1700000299.
    CHECK_THAT(night1.out, Catch::Contains("bookmark: (none) -> 2023-11-14T22:18:19Z"));

    change_records(sandbox, "stripe", 0, 7);
    const Finished night2 = work.apirunner(k_run);
    REQUIRE(night2.exit_code == 0);
    // The 7 new ones, and the bookmark's own second again (gte): one page.
    CHECK(records_and_pages(night2) == std::make_pair(8, 1));
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(*) FROM stripe_customers") == 307);
    CHECK_THAT(night2.out, !Catch::Contains("(unchanged)"));
    const Finished garbage = work.apirunner({"run", "--config", "jobs.yaml", "--since", "soon"});
    CHECK(garbage.exit_code == 78);
}

TEST_CASE(
    "incremental: records without a usable cursor are warnings naming them, and move nothing") {
    Sandbox sandbox({"--records", "120"});
    Workdir work;
    std::string jobs = shipped_jobs(sandbox, "github/issues_incremental.yaml");
    jobs.replace(jobs.find("cursor: updated_at"), 18, "cursor: updatedAt");  // the wrong case
    work.write("jobs.yaml", jobs);
    const Finished run = work.apirunner(k_run);
    REQUIRE(run.exit_code == 0);
    CHECK(records_and_pages(run).first == 120);
    // The first few by their key, then the count; the bookmark is not moved by them.
    CHECK_THAT(run.err, Catch::Contains("record 1000000: no 'updatedAt'"));
    CHECK_THAT(run.out, Catch::Contains("120 records had no usable updatedAt"));
    CHECK(bookmark(work).empty());

    jobs.replace(jobs.find("cursor: updatedAt"), 17, "cursor: title");  // text, not a time
    work.write("jobs.yaml", jobs);
    const Finished titles = work.apirunner({"run", "--config", "jobs.yaml", "--full-refresh"});
    REQUIRE(titles.exit_code == 0);
    CHECK_THAT(titles.err, Catch::Contains("'title' is not a time (\"Issue 1\")"));
    CHECK(bookmark(work).empty());
}
