// Token bookmarks through the real binary, against the sandbox's Zendesk incremental export
// (jobs/zendesk/tickets.yaml as shipped): the last page's after_cursor is the bookmark, the next
// night starts from it and reads only the tickets changed since, a kill leaves it where it was,
// and --since, --full-refresh and `state` work on it as on a time.
#include "incremental_helpers.hpp"

#include <Poco/Data/Session.h>

#include <catch2/catch.hpp>

#include <csignal>
#include <thread>

using namespace itest;

namespace {

constexpr const char* k_job = "zendesk-tickets";
const std::vector<std::string> k_run = {"run", "--config", "jobs.yaml"};

std::string bookmark(const Workdir& work) { return stored_bookmark(work, k_job); }

Poco::Int64 rows(const Workdir& work, const std::string& where = "1") {
    return work.sql("out/extracts.sqlite", "SELECT count(*) FROM zendesk_tickets WHERE " + where);
}

// The first record of the stream of changes: where a poll after the first list starts.
constexpr const char* k_changes_start = "zendesk: tickets from 1000000000000,";

}  // namespace

TEST_CASE("token bookmark: the next night starts from the last page's after_cursor") {
    Sandbox sandbox({"--records", "2537"});
    Workdir work;
    work.write("jobs.yaml", shipped_jobs(sandbox, "zendesk/tickets.yaml"));
    const Finished night1 = work.apirunner(k_run);
    REQUIRE(night1.exit_code == 0);
    CHECK(records_and_pages(night1) == std::make_pair(2537, 3));
    CHECK(sandbox.count("zendesk: tickets from 0,") == 1);  // start_time=0: from the start
    const std::string first_mark = bookmark(work);
    REQUIRE_FALSE(first_mark.empty());
    CHECK_THAT(night1.out, Catch::Contains("bookmark: (none) -> " + first_mark));

    change_records(sandbox, "zendesk", 50, 50);
    const Finished night2 = work.apirunner(k_run);
    REQUIRE(night2.exit_code == 0);
    CHECK(records_and_pages(night2) == std::make_pair(100, 1));  // the changes, nothing else
    CHECK(sandbox.count(k_changes_start) == 1);
    CHECK(rows(work) == 2587);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM zendesk_tickets") ==
          2587);
    CHECK(rows(work, "json_extract(record, '$.subject') LIKE '%(edited 1)'") == 50);
    const std::string second_mark = bookmark(work);
    CHECK(second_mark != first_mark);
    CHECK_THAT(night2.out, Catch::Contains("bookmark: " + first_mark + " -> " + second_mark));

    // Nothing changed: one empty page, the same token, the bookmark stays.
    const Finished night3 = work.apirunner(k_run);
    REQUIRE(night3.exit_code == 0);
    CHECK(records_and_pages(night3) == std::make_pair(0, 1));
    CHECK_THAT(night3.out, Catch::Contains("bookmark: " + second_mark + " (unchanged)"));
    CHECK(rows(work) == 2587);
}

TEST_CASE("token bookmark: a night killed part-way keeps the token, and its rerun is exact") {
    Sandbox sandbox({"--records", "500", "--latency-ms", "100"});
    Workdir work;
    std::string jobs = shipped_jobs(sandbox, "zendesk/tickets.yaml");
    jobs.replace(jobs.find("limit: 1000"), 11, "limit: 10");
    jobs.replace(jobs.find("mode: merge"), 11, "mode: append");  // a page stored twice would show
    work.write("jobs.yaml", jobs);
    REQUIRE(work.apirunner(k_run).exit_code == 0);
    const std::string first_mark = bookmark(work);
    change_records(sandbox, "zendesk", 200, 100);

    Running night2(APIRUNNER_BIN, {"run", "--config", "jobs.yaml"}, work.path());
    wait_for_checkpoint_past(work, 0, ".apirunner/state.db");
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    night2.signal(SIGKILL);
    REQUIRE(night2.wait(60).exit_code == 128 + SIGKILL);
    CHECK(bookmark(work) == first_mark);  // not moved by a run that did not finish

    const Finished rerun = work.apirunner(k_run);
    REQUIRE(rerun.exit_code == 0);
    CHECK_THAT(rerun.out, Catch::Contains("resumed after page"));
    // Night 1's 500, then night 2's 300 changes, each stored exactly once.
    CHECK(rows(work) == 800);
    CHECK(rows(work, "json_extract(record, '$.subject') LIKE '%(edited 1)'") == 200);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM zendesk_tickets") == 600);
    CHECK(sandbox.count(k_changes_start) == 1);  // the rerun went on, not back to the token
    CHECK(bookmark(work) != first_mark);
}

TEST_CASE(
    "token bookmark: --since and --full-refresh send start_time instead, and state sets and "
    "resets the token") {
    Sandbox sandbox({"--records", "300"});
    Workdir work;
    work.write("jobs.yaml", shipped_jobs(sandbox, "zendesk/tickets.yaml"));
    REQUIRE(work.apirunner(k_run).exit_code == 0);
    const std::string mark = bookmark(work);

    // 1700000100 is the 101st ticket's update: a one-off read of the last 200, bookmark kept.
    const Finished once =
        work.apirunner({"run", k_job, "--config", "jobs.yaml", "--since", "1700000100"});
    REQUIRE(once.exit_code == 0);
    CHECK(records_and_pages(once).first == 200);
    CHECK(sandbox.count("zendesk: tickets from 100,") == 1);
    CHECK(bookmark(work) == mark);
    const Finished no_until =
        work.apirunner({"run", k_job, "--config", "jobs.yaml", "--until", "1700000100"});
    CHECK(no_until.exit_code == 64);
    CHECK_THAT(no_until.err, Catch::Contains("--until has no meaning for a token bookmark"));

    change_records(sandbox, "zendesk", 0, 5);
    const Finished full = work.apirunner({"run", "--config", "jobs.yaml", "--full-refresh"});
    REQUIRE(full.exit_code == 0);
    CHECK(records_and_pages(full).first == 305);
    const std::string after_full = bookmark(work);
    CHECK(after_full != mark);

    // A token set by hand is sent as it is; one the provider refuses fails the run, saying so.
    const Finished set =
        work.apirunner({"state", "set", k_job, "not-a-cursor", "--config", "jobs.yaml"});
    REQUIRE(set.exit_code == 0);
    CHECK_THAT(set.out, Catch::Contains("bookmark was " + after_full + ", now not-a-cursor"));
    const Finished refused = work.apirunner(k_run);
    CHECK(refused.exit_code != 0);
    CHECK_THAT(refused.err, Catch::Contains("cursor is invalid"));
    CHECK(bookmark(work) == "not-a-cursor");
    const Finished empty = work.apirunner({"state", "set", k_job, "", "--config", "jobs.yaml"});
    CHECK(empty.exit_code == 64);

    const Finished reset = work.apirunner({"state", "reset", k_job, "--config", "jobs.yaml"});
    REQUIRE(reset.exit_code == 0);
    const Finished again = work.apirunner(k_run);
    REQUIRE(again.exit_code == 0);
    CHECK(records_and_pages(again).first == 305);  // from start_time 0 again
    CHECK(bookmark(work) == after_full);
}

TEST_CASE(
    "token bookmark: Graph's deltaLink is where the next night starts, and one on another origin "
    "gets no request") {
    Sandbox sandbox({"--records", "250"});
    Workdir work;
    work.write("jobs.yaml", shipped_jobs(sandbox, "graph/users_delta.yaml"));
    const auto mark = [&] { return stored_bookmark(work, "graph-users-delta"); };
    const Finished night1 = work.apirunner(k_run);
    REQUIRE(night1.exit_code == 0);
    // An empty first page that links on, then 3 of 100: an empty page does not end the walk.
    CHECK(records_and_pages(night1) == std::make_pair(250, 4));
    const std::string first_mark = mark();
    REQUIRE_THAT(first_mark, Catch::StartsWith(sandbox.url("/graph/v1.0/users/delta?")));

    change_records(sandbox, "graph", 10, 5);
    const Finished night2 = work.apirunner(k_run);
    REQUIRE(night2.exit_code == 0);
    CHECK(records_and_pages(night2) == std::make_pair(15, 1));
    CHECK(sandbox.count("graph: delta from 1000000000000,") == 1);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(*) FROM graph_users") == 255);
    CHECK(work.sql("out/extracts.sqlite",
                   "SELECT count(*) FROM graph_users WHERE "
                   "json_extract(record, '$.displayName') LIKE '%(edited 1)'") == 10);
    CHECK(mark() != first_mark);

    // A deltaLink on another origin: refused by `state set`, and by the run when it got into the
    // state some other way (whoever could write the file), before the session's token goes
    // anywhere.
    Sandbox other({"--records", "10"});
    std::string elsewhere = first_mark;
    elsewhere.replace(0, sandbox.url("").size(), other.url(""));
    const Finished set =
        work.apirunner({"state", "set", "graph-users-delta", elsewhere, "--config", "jobs.yaml"});
    CHECK(set.exit_code == 64);
    CHECK_THAT(set.err,
               Catch::Contains("must be a URL on the provider's origin " + sandbox.url("")));
    {
        Poco::Data::Session state("SQLite", work.file(".apirunner/state.db"));
        state << "UPDATE bookmarks SET value = ?", Poco::Data::Keywords::use(elsewhere),
            Poco::Data::Keywords::now;
    }
    REQUIRE(mark() == elsewhere);
    const Finished refused = work.apirunner(k_run);
    CHECK(refused.exit_code == 65);
    CHECK_THAT(refused.err, Catch::Contains("not on the provider's origin"));
    CHECK(other.count("graph: ") == 0);  // not even a refused request reached it
    CHECK_THAT(refused.out + refused.err, !Catch::Contains("SENTINEL"));

    // A key a provider put in its link is shown as the logs show it, wherever a bookmark is
    // printed (Workdir fails a test on any SENTINEL- in what apirunner printed).
    const std::string keyed = first_mark + "&access_token=SENTINEL-in-a-link";
    REQUIRE(work.apirunner({"state", "set", "graph-users-delta", keyed, "--config", "jobs.yaml"})
                .exit_code == 0);
    REQUIRE(work.apirunner({"state", "show", "--config", "jobs.yaml"}).exit_code == 0);
    REQUIRE(work.apirunner({"list", "--config", "jobs.yaml"}).exit_code == 0);
    const Finished keyed_run =
        work.apirunner({"run", "--config", "jobs.yaml", "--report", "r.json"});
    CHECK(keyed_run.exit_code == 0);
    CHECK(work.read("r.json").find("SENTINEL-") == std::string::npos);
    const Finished history = work.apirunner({"history", "--config", "jobs.yaml", "--json"});
    CHECK(history.exit_code == 0);
    // A token that would not survive the state database and the logs whole is refused.
    CHECK(work.apirunner({"state", "set", "graph-users-delta", first_mark + "\r\nX-Evil: 1",
                          "--config", "jobs.yaml"})
              .exit_code == 64);
}

TEST_CASE("token bookmark: list shows it, and a dry run asks from it and leaves it") {
    Sandbox sandbox({"--records", "300"});
    Workdir work;
    work.write("jobs.yaml", shipped_jobs(sandbox, "zendesk/tickets.yaml"));
    const Finished before = work.apirunner({"list", "--config", "jobs.yaml"});
    REQUIRE(before.exit_code == 0);
    CHECK_THAT(before.out, Catch::Contains("  bookmark: (none: the next run starts from "
                                           "1970-01-01)"));
    CHECK_FALSE(work.exists(".apirunner/state.db"));  // listing makes no state database

    REQUIRE(work.apirunner(k_run).exit_code == 0);
    const std::string mark = bookmark(work);
    const Finished listed = work.apirunner({"list", "--config", "jobs.yaml"});
    CHECK_THAT(listed.out, Catch::Contains("  bookmark: " + mark + " (set 20"));

    change_records(sandbox, "zendesk", 3, 0);
    const Finished dry = work.apirunner({"run", "--config", "jobs.yaml", "--dry-run"});
    REQUIRE(dry.exit_code == 0);
    CHECK(sandbox.count(k_changes_start) == 1);  // from the token, as the next run will
    CHECK(bookmark(work) == mark);
    CHECK(rows(work) == 300);
}
