// The metrics' counters: what each run added, resumed pages counted once.
#include "metrics/run_metrics.hpp"

#include <catch2/catch.hpp>

using namespace apirunner;

TEST_CASE("a resumed run adds only the records and pages it wrote itself") {
    RunMetrics metrics;
    JobResult failed;
    failed.job = "orgs";
    failed.failure = ErrorKind::unavailable;
    failed.records = 30;
    failed.pages = 3;
    metrics.record(failed, Instant{std::chrono::seconds(100)});
    JobResult resumed;
    resumed.job = "orgs";
    resumed.records = 50;
    resumed.pages = 5;
    resumed.resumed_from = 3;
    resumed.resumed_records = 30;
    metrics.record(resumed, Instant{std::chrono::seconds(200)});
    const std::string text = metrics.text();
    CHECK_THAT(text,
               Catch::Contains("apirunner_records_total{job=\"orgs\"} 50\n") &&
                   Catch::Contains("apirunner_pages_total{job=\"orgs\"} 5\n") &&
                   Catch::Contains("apirunner_runs_total{job=\"orgs\",status=\"failed\"} 1\n") &&
                   Catch::Contains("apirunner_last_success_timestamp_seconds{job=\"orgs\"} 200\n"));
}

TEST_CASE("retries, session refreshes and bytes add up over the runs") {
    RunMetrics metrics;
    for (int run = 0; run < 2; ++run) {
        JobResult result;
        result.job = "orgs";
        result.retries = 1;
        result.refreshes = 2;
        result.bytes = 1000;
        metrics.record(result, Instant{std::chrono::seconds(100)});
    }
    const std::string text = metrics.text();
    CHECK_THAT(text, Catch::Contains("apirunner_retries_total{job=\"orgs\"} 2\n") &&
                         Catch::Contains("apirunner_session_refreshes_total{job=\"orgs\"} 4\n") &&
                         Catch::Contains("apirunner_received_bytes_total{job=\"orgs\"} 2000\n"));
}

TEST_CASE("an incremental job's time bookmark is a gauge, other bookmarks and jobs have none") {
    RunMetrics metrics;
    JobResult nightly;
    nightly.job = "issues";
    nightly.incremental = true;
    nightly.bookmark_after = "2026-03-08T01:30:00.5Z";
    metrics.record(nightly, Instant{std::chrono::seconds(100)});
    JobResult counted = nightly;
    counted.job = "events";
    counted.bookmark_after = "42";  // a number bookmark: no time to lag behind
    metrics.record(counted, Instant{std::chrono::seconds(100)});
    const std::string text = metrics.text();
    CHECK_THAT(text, Catch::Contains("apirunner_bookmark_timestamp_seconds{job=\"issues\"} "
                                     "1772933400\n"));
    CHECK_THAT(text, !Catch::Contains("apirunner_bookmark_timestamp_seconds{job=\"events\"}"));
}
