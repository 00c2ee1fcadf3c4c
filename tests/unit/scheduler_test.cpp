// The daemon's choices, with the clock in the test's hand: times, overlaps, the parallel limit.
#include "daemon/scheduler.hpp"

#include <catch2/catch.hpp>

using namespace apirunner;

namespace {

JobSpec job(const std::string& name, const std::string& schedule,
            const std::string& on_overlap = "skip") {
    JobSpec spec;
    spec.name = name;
    spec.schedule = schedule;
    spec.on_overlap = on_overlap == "queue" ? OnOverlap::queue : OnOverlap::skip;
    return spec;
}

Instant at(int seconds) {
    return Instant{std::chrono::seconds(1795420800 + seconds)};
}  // 2026-11-23T08:00:00Z

std::vector<std::string> names(const std::vector<const JobSpec*>& jobs) {
    std::vector<std::string> out;
    for (const auto* spec : jobs) {
        out.push_back(spec->name);
    }
    return out;
}

}  // namespace

TEST_CASE(
    "a job starts at its time and not before, and jobs without a schedule are not the daemon's") {
    const std::vector<JobSpec> jobs{job("every-10s", "*/10 * * * * *"), job("manual", "")};
    Scheduler scheduler(jobs, 2, at(1));
    std::vector<std::string> notes;
    CHECK(scheduler.scheduled() == 1);
    CHECK(scheduler.start_due(at(9), notes).empty());
    CHECK(names(scheduler.start_due(at(10), notes)) == std::vector<std::string>{"every-10s"});
    CHECK(scheduler.next_time("every-10s") == at(20));
}

TEST_CASE(
    "a time that comes while the job runs is skipped, or with on_overlap: queue runs after it") {
    const std::vector<JobSpec> jobs{job("skipper", "*/10 * * * * *"),
                                    job("queuer", "*/10 * * * * *", "queue")};
    Scheduler scheduler(jobs, 4, at(1));
    std::vector<std::string> notes;
    CHECK(scheduler.start_due(at(10), notes).size() == 2);
    CHECK(scheduler.start_due(at(20), notes).empty());
    CHECK(scheduler.start_due(at(30), notes).empty());  // a second queued time is one run, not two
    REQUIRE(notes.size() == 4);
    CHECK(notes[0] ==
          "job skipper: the run due 2026-11-23 08:00:20 UTC is skipped: the last one has not ended "
          "(on_overlap: skip)");
    CHECK(notes[1] ==
          "job queuer: the run due 2026-11-23 08:00:20 UTC waits for the one in progress");
    scheduler.finished("skipper");
    scheduler.finished("queuer");
    CHECK(names(scheduler.start_due(at(31), notes)) == std::vector<std::string>{"queuer"});
    CHECK(names(scheduler.start_due(at(40), notes)) == std::vector<std::string>{"skipper"});
}

TEST_CASE(
    "no more than max_parallel_jobs run at once, the others wait in the order their times came") {
    const std::vector<JobSpec> jobs{job("a", "*/10 * * * * *"), job("b", "*/10 * * * * *"),
                                    job("c", "*/10 * * * * *")};
    Scheduler scheduler(jobs, 2, at(1));
    std::vector<std::string> notes;
    CHECK(names(scheduler.start_due(at(10), notes)) == std::vector<std::string>{"a", "b"});
    CHECK(scheduler.running() == 2);
    CHECK(scheduler.start_due(at(11), notes).empty());
    scheduler.finished("b");
    CHECK(names(scheduler.start_due(at(12), notes)) == std::vector<std::string>{"c"});
    CHECK(notes.empty());
}

TEST_CASE("run_soon (catch_up) starts a job at once, and never twice") {
    const std::vector<JobSpec> jobs{job("nightly", "0 2 * * *")};
    Scheduler scheduler(jobs, 1, at(1));
    std::vector<std::string> notes;
    scheduler.run_soon("nightly");
    scheduler.run_soon("nightly");
    CHECK(names(scheduler.start_due(at(2), notes)) == std::vector<std::string>{"nightly"});
    CHECK(scheduler.start_due(at(3), notes).empty());
}

TEST_CASE(
    "a reload keeps the next time of a job whose schedule stayed and moves the one whose changed") {
    const std::vector<JobSpec> before{job("kept", "0 * * * * *"), job("moved", "0 * * * * *")};
    Scheduler scheduler(before, 2, at(1));
    const std::vector<JobSpec> after{job("kept", "0 * * * * *"), job("moved", "*/10 * * * * *"),
                                     job("added", "*/5 * * * * *")};
    scheduler.reload(after, 2, at(2));
    CHECK(scheduler.scheduled() == 3);
    CHECK(scheduler.next_time("kept") == at(60));
    CHECK(scheduler.next_time("moved") == at(10));
    CHECK(scheduler.next_time("added") == at(5));
}

TEST_CASE(
    "a job running through a reload stays running, and one removed meanwhile holds its slot until "
    "it ends") {
    const std::vector<JobSpec> before{job("stays", "*/10 * * * * *"), job("goes", "*/10 * * * * *"),
                                      job("waits", "*/10 * * * * *")};
    Scheduler scheduler(before, 2, at(1));
    std::vector<std::string> notes;
    CHECK(names(scheduler.start_due(at(10), notes)) == std::vector<std::string>{"stays", "goes"});
    const std::vector<JobSpec> after{job("stays", "*/10 * * * * *"),
                                     job("waits", "*/10 * * * * *")};
    scheduler.reload(after, 2, at(11));
    CHECK(scheduler.running() == 2);
    CHECK(scheduler.start_due(at(12), notes).empty());  // "waits" still waits: "goes" holds a slot
    scheduler.finished("goes");
    CHECK(scheduler.running() == 1);
    CHECK(names(scheduler.start_due(at(13), notes)) == std::vector<std::string>{"waits"});
    CHECK(scheduler.start_due(at(20), notes).empty());  // "stays" is still running: skipped
    scheduler.finished("stays");
    CHECK(scheduler.running() == 1);
}
