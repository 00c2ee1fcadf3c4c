// The live status line of a running job.
#include "cli/progress_lines.hpp"

#include <catch2/catch.hpp>

using namespace apirunner;

TEST_CASE("with the total known the line shows how far, the rate and the time left") {
    JobProgress progress;
    progress.job = "orgs";
    progress.records = 1200;
    progress.pages = 12;
    progress.total = 5000;
    progress.seconds = 4;
    CHECK(progress_line(progress) ==
          "orgs: 1200 of 5000 records, 12 pages, 300 records/s, about 13 s left");
}

TEST_CASE(
    "without a total there is no time left, and a resumed run's rate counts only this process's "
    "records") {
    JobProgress progress;
    progress.job = "orgs";
    progress.records = 1100;
    progress.resumed_records = 1000;
    progress.pages = 11;
    progress.seconds = 2;
    CHECK(progress_line(progress) == "orgs: 1100 records, 11 pages, 50 records/s");
}

TEST_CASE("a total the provider got wrong (fewer than fetched) is left out") {
    JobProgress progress;
    progress.job = "orgs";
    progress.records = 300;
    progress.pages = 3;
    progress.total = 250;
    CHECK(progress_line(progress) == "orgs: 300 records, 3 pages");
}
