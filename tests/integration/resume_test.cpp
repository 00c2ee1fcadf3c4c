// Nothing lost, nothing doubled: runs killed, stopped and refused part-way, then resumed, with
// every record counted in the SQLite table and the JSON Lines file they wrote.
#include "workdir.hpp"

#include <catch2/catch.hpp>

#include <Poco/DirectoryIterator.h>

#include <csignal>
#include <random>
#include <set>
#include <thread>

using namespace itest;

namespace {

// The MediaMath job, appending to SQLite (where a page written twice would show) and replacing
// its JSON Lines file.
std::string appending_jobs(const Sandbox& sandbox, int per_page, const std::string& retry = "") {
    std::string jobs = mediamath_jobs(sandbox, "", per_page);
    jobs.replace(jobs.find("mode: merge"), 11, "mode: append");
    if (!retry.empty()) {
        const std::string usual = "retry: {max_attempts: 2, base_delay_ms: 10}";
        jobs.replace(jobs.find(usual), usual.size(), retry);
    }
    return jobs;
}

const std::vector<std::string> k_run = {"run", "--config", "jobs.yaml", "--plugin-path",
                                        PLUGIN_DIR};

void sleep_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

// Starts the job, waits until it has checkpointed a page more than it had, lets it run
// `ms` longer, sends `signal`, and returns how it ended.
Finished interrupt_after(const Workdir& work, int ms, int signal) {
    const Poco::Int64 before = checkpointed_pages(work);
    Running run(APIRUNNER_BIN, k_run, work.path());
    wait_for_checkpoint_past(work, before);
    sleep_ms(ms);
    run.signal(signal);
    return run.wait(60);
}

// Every record exactly once in both outputs, and nothing of the unfinished runs left behind.
void check_exactly_once(const Workdir& work, int records) {
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(*) FROM orgs") == records);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM orgs") == records);
    CHECK(work.sql("out/extracts.sqlite", "SELECT min(id) FROM orgs") == 100000);
    CHECK(work.sql("out/extracts.sqlite", "SELECT max(id) FROM orgs") == 100000 + records - 1);
    const auto lines = lines_of(work.read("out/orgs.jsonl"));
    CHECK(lines.size() == static_cast<std::size_t>(records));
    CHECK(std::set<std::string>(lines.begin(), lines.end()).size() ==
          static_cast<std::size_t>(records));
    for (Poco::DirectoryIterator file(work.file("out")), end; file != end; ++file) {
        CHECK(file.name().find(".tmp-") == std::string::npos);
    }
    CHECK(work.sql("state/state.db", "SELECT count(*) FROM checkpoints") == 0);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(*) FROM _apirunner_progress") == 0);
}

}  // namespace

TEST_CASE(
    "resume: killed with SIGKILL at 20 random points, the run still ends with every record exactly "
    "once") {
    Sandbox sandbox({"--records", "6000", "--latency-ms", "5"});
    Workdir work;
    work.write("jobs.yaml", appending_jobs(sandbox, 10));
    const unsigned seed = std::random_device{}();
    INFO("seed " << seed);
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> delay_ms(0, 100);
    for (int kills = 0; kills < 20; ++kills) {
        const Finished killed = interrupt_after(work, delay_ms(random), SIGKILL);
        INFO("kill " << kills << ": " << killed.err);
        REQUIRE(killed.exit_code == 128 + SIGKILL);  // 600 pages outlast 20 kills
    }
    const Finished last = work.apirunner({"run", "--config", "jobs.yaml"});
    INFO(last.err);
    REQUIRE(last.exit_code == 0);
    CHECK_THAT(last.out, Catch::Contains("job orgs: ok, 6000 records, 600 pages") &&
                             Catch::Contains("resumed after page"));
    check_exactly_once(work, 6000);
    CHECK(work.sql("state/state.db", "SELECT count(*) FROM runs WHERE status = 'ok'") == 1);
}

TEST_CASE(
    "resume: SIGTERM finishes the page in hand, exits 75, and the next run goes on from there") {
    Sandbox sandbox({"--records", "400", "--latency-ms", "40"});
    Workdir work;
    work.write("jobs.yaml", appending_jobs(sandbox, 10));
    const Finished stopped = interrupt_after(work, 100, SIGTERM);
    REQUIRE(stopped.exit_code == 75);
    CHECK_THAT(stopped.err,
               Catch::Contains("job 'orgs' failed (temporary failure): stopped by SIGTERM; ") &&
                   Catch::Contains(" pages are saved and the next run resumes from page "));
    CHECK(work.sql("state/state.db", "SELECT count(*) FROM runs WHERE status = 'stopped'") == 1);
    const Poco::Int64 saved = work.sql("state/state.db", "SELECT pages FROM checkpoints");
    CHECK(saved > 0);
    CHECK(saved < 40);

    const Finished resumed = work.apirunner({"run", "--config", "jobs.yaml"});
    REQUIRE(resumed.exit_code == 0);
    CHECK_THAT(resumed.out, Catch::Contains("resumed after page " + std::to_string(saved)));
    check_exactly_once(work, 400);
}

TEST_CASE("resume: history shows a killed run as running with no end, in the table and as JSON") {
    Sandbox sandbox({"--records", "400", "--latency-ms", "40"});
    Workdir work;
    work.write("jobs.yaml", appending_jobs(sandbox, 10));
    REQUIRE(interrupt_after(work, 0, SIGKILL).exit_code == 128 + SIGKILL);
    const Finished table = work.apirunner({"history", "--config", "jobs.yaml"});
    REQUIRE(table.exit_code == 0);
    const auto rows = lines_of(table.out);
    REQUIRE(rows.size() == 2);
    CHECK_THAT(rows[1], Catch::Contains(" running "));
    const Finished json = work.apirunner({"history", "--config", "jobs.yaml", "--json"});
    REQUIRE(json.exit_code == 0);
    CHECK_THAT(json.out,
               Catch::Contains("\"ended_at\": null") && Catch::Contains("\"status\": \"running\""));
}

TEST_CASE(
    "resume: a job already running in another process is refused, exit 75, and the first one "
    "finishes") {
    // 30 pages of 100 ms: the first run still runs while a second one starts, even a sanitizer
    // build's on a loaded machine (20 pages of 30 ms were over before one once)
    Sandbox sandbox({"--records", "300", "--latency-ms", "100"});
    Workdir work;
    work.write("jobs.yaml", appending_jobs(sandbox, 10));
    Running first(APIRUNNER_BIN, k_run, work.path());
    wait_for_checkpoint_past(work, 0);
    const Finished second = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(second.exit_code == 75);
    CHECK_THAT(second.err,
               Catch::Contains("job 'orgs' failed (temporary failure): another apirunner process "
                               "is running this job now"));
    REQUIRE(first.wait(60).exit_code == 0);
    check_exactly_once(work, 300);
}

TEST_CASE("resume: --full-refresh discards the unfinished run, its appended rows and its file") {
    Sandbox sandbox({"--records", "300", "--latency-ms", "20"});
    Workdir work;
    work.write("jobs.yaml", appending_jobs(sandbox, 10));
    REQUIRE(interrupt_after(work, 50, SIGKILL).exit_code == 128 + SIGKILL);
    REQUIRE(work.sql("state/state.db", "SELECT count(*) FROM checkpoints") == 1);
    const Finished fresh = work.apirunner({"run", "--config", "jobs.yaml", "--full-refresh"});
    REQUIRE(fresh.exit_code == 0);
    CHECK_THAT(fresh.err, Catch::Contains("job 'orgs': starting over (--full-refresh was given)"));
    CHECK_THAT(fresh.out, !Catch::Contains("resumed"));
    check_exactly_once(work, 300);
    CHECK(work.sql("state/state.db", "SELECT count(*) FROM runs WHERE status = 'abandoned'") == 1);
}

TEST_CASE("resume: a changed job starts over instead of resuming someone else's position") {
    Sandbox sandbox({"--records", "300", "--latency-ms", "20"});
    Workdir work;
    work.write("jobs.yaml", appending_jobs(sandbox, 10));
    REQUIRE(interrupt_after(work, 50, SIGKILL).exit_code == 128 + SIGKILL);
    work.write("jobs.yaml", appending_jobs(sandbox, 15));
    const Finished changed = work.apirunner({"run", "--config", "jobs.yaml"});
    REQUIRE(changed.exit_code == 0);
    CHECK_THAT(changed.err, Catch::Contains("starting over (the job's definition changed since)"));
    check_exactly_once(work, 300);
}

TEST_CASE(
    "resume: a Retry-After longer than max_delay_ms stops the job with exit 75 and later runs "
    "finish it") {
    Sandbox sandbox({"--records", "200", "--rate-limit", "4"});
    Workdir work;
    work.write("jobs.yaml",
               appending_jobs(sandbox, 10,
                              "retry: {max_attempts: 3, base_delay_ms: 10, max_delay_ms: 500}"));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    REQUIRE(run.exit_code == 75);
    CHECK_THAT(run.err,
               Catch::Contains(
                   "provider 'mediamath' asked to wait 1 s, longer than the limit; try later; ") &&
                   Catch::Contains("pages are saved and the next run resumes from page"));
    for (int attempt = 0; attempt < 30 && run.exit_code == 75; ++attempt) {
        sleep_ms(1100);  // the sandbox's window passes
        run = work.apirunner({"run", "--config", "jobs.yaml"});
    }
    REQUIRE(run.exit_code == 0);
    check_exactly_once(work, 200);
}

TEST_CASE(
    "resume: a concurrent run killed midway, its page size capped by the server, ends with every "
    "record once") {
    // Resumed, the run plans its first batch at the limit asked (1,500) where the server gives
    // 1,000: the planned pages after the first are dropped and fetched again where the walk is.
    Sandbox sandbox({"--records", "20000", "--latency-ms", "100"});
    Workdir work;
    std::string jobs = appending_jobs(sandbox, 1500);
    const std::string total = "total: meta.total_count}";
    jobs.replace(jobs.find(total), total.size(), "total: meta.total_count, concurrency: 4}");
    work.write("jobs.yaml", jobs);
    REQUIRE(interrupt_after(work, 50, SIGKILL).exit_code == 128 + SIGKILL);
    const Finished last = work.apirunner({"run", "--config", "jobs.yaml"});
    INFO(last.err);
    REQUIRE(last.exit_code == 0);
    CHECK_THAT(last.out, Catch::Contains("job orgs: ok, 20000 records, 20 pages") &&
                             Catch::Contains("resumed after page"));
    check_exactly_once(work, 20000);
}
