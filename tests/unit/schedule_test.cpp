// Cron expressions and their time zones: the cases a user would check by hand. The oracle test
// (cron_oracle_test.cpp) compares thousands more against python3-croniter.
#include "schedule/schedule.hpp"

#include <catch2/catch.hpp>

using namespace apirunner;

namespace {

Instant utc(const std::string& text) {
    std::istringstream in(text);
    Instant at;
    in >> date::parse("%F %T", at);
    REQUIRE_FALSE(in.fail());
    return at;
}

// The next `count` runs after `from` (UTC), each on the schedule's wall clock.
std::vector<std::string> runs(const std::string& expression, const std::string& zone,
                              const std::string& from, int count = 3) {
    const Schedule schedule(expression, zone);
    std::vector<std::string> times;
    Instant at = utc(from);
    for (int i = 0; i < count; ++i) {
        const auto next = schedule.next_after(at);
        REQUIRE(next);
        times.push_back(schedule.wall_clock(*next));
        at = *next;
    }
    return times;
}

std::string refusal(const std::string& expression, const std::string& zone = "UTC") {
    try {
        Schedule(expression, zone);
    } catch (const std::invalid_argument& error) {
        return error.what();
    }
    return "accepted";
}

}  // namespace

TEST_CASE("five fields: lists, ranges, steps and names") {
    CHECK(runs("0 2 * * *", "UTC", "2026-11-23 12:00:00") ==
          std::vector<std::string>{"2026-11-24 02:00:00 UTC", "2026-11-25 02:00:00 UTC",
                                   "2026-11-26 02:00:00 UTC"});
    CHECK(runs("*/20 9-10 * * MON-FRI", "UTC", "2026-11-27 10:30:00") ==  // a Friday
          std::vector<std::string>{"2026-11-27 10:40:00 UTC", "2026-11-30 09:00:00 UTC",
                                   "2026-11-30 09:20:00 UTC"});
    CHECK(runs("15 6 1,15 jan,jul *", "UTC", "2026-11-23 00:00:00") ==
          std::vector<std::string>{"2027-01-01 06:15:00 UTC", "2027-01-15 06:15:00 UTC",
                                   "2027-07-01 06:15:00 UTC"});
    CHECK(runs("0 0 * * 7", "UTC", "2026-11-23 00:00:00", 1) ==
          std::vector<std::string>{"2026-11-29 00:00:00 UTC"});
    CHECK(runs("5/20 * * * *", "UTC", "2026-11-23 00:00:00") ==
          std::vector<std::string>{"2026-11-23 00:05:00 UTC", "2026-11-23 00:25:00 UTC",
                                   "2026-11-23 00:45:00 UTC"});
}

TEST_CASE("a leading seconds field, and the shorthands") {
    CHECK(runs("*/10 * * * * *", "UTC", "2026-11-23 12:00:05") ==
          std::vector<std::string>{"2026-11-23 12:00:10 UTC", "2026-11-23 12:00:20 UTC",
                                   "2026-11-23 12:00:30 UTC"});
    CHECK(runs("@hourly", "UTC", "2026-11-23 12:00:00", 1) ==
          std::vector<std::string>{"2026-11-23 13:00:00 UTC"});
    CHECK(runs("@daily", "UTC", "2026-11-23 12:00:00", 1) ==
          std::vector<std::string>{"2026-11-24 00:00:00 UTC"});
    CHECK(runs("@weekly", "UTC", "2026-11-23 12:00:00", 1) ==
          std::vector<std::string>{"2026-11-29 00:00:00 UTC"});
    CHECK(runs("@monthly", "UTC", "2026-11-23 12:00:00", 1) ==
          std::vector<std::string>{"2026-12-01 00:00:00 UTC"});
    CHECK(runs("@yearly", "UTC", "2026-11-23 12:00:00", 1) ==
          std::vector<std::string>{"2027-01-01 00:00:00 UTC"});
}

TEST_CASE("day of month and day of week both given: either one matches, as in cron") {
    // The 1st, and every Monday.
    CHECK(runs("0 0 1 * MON", "UTC", "2026-11-28 00:00:00") ==
          std::vector<std::string>{"2026-11-30 00:00:00 UTC", "2026-12-01 00:00:00 UTC",
                                   "2026-12-07 00:00:00 UTC"});
    CHECK(runs("0 0 29 2 *", "UTC", "2026-11-23 00:00:00", 1) ==
          std::vector<std::string>{"2028-02-29 00:00:00 UTC"});
}

TEST_CASE(
    "a job at 02:30 New York time runs once on a spring-forward night and once on a fall-back "
    "night") {
    // 2026-03-08: 02:00 EST jumps to 03:00 EDT; the skipped 02:30 runs at the jump.
    CHECK(runs("30 2 * * *", "America/New_York", "2026-03-07 12:00:00") ==
          std::vector<std::string>{"2026-03-08 03:00:00 EDT", "2026-03-09 02:30:00 EDT",
                                   "2026-03-10 02:30:00 EDT"});
    // 2026-11-01: 02:00 EDT falls back to 01:00 EST; 01:30 happens twice and runs at the first.
    CHECK(runs("30 1 * * *", "America/New_York", "2026-10-31 12:00:00") ==
          std::vector<std::string>{"2026-11-01 01:30:00 EDT", "2026-11-02 01:30:00 EST",
                                   "2026-11-03 01:30:00 EST"});
}

TEST_CASE("every matching time in a skipped hour collapses to one run at the jump") {
    CHECK(
        runs("*/15 * * * *", "Europe/Berlin", "2026-03-29 00:50:00") ==  // 01:50 CET, jump at 02:00
        std::vector<std::string>{"2026-03-29 03:00:00 CEST", "2026-03-29 03:15:00 CEST",
                                 "2026-03-29 03:30:00 CEST"});
}

TEST_CASE("the repeated hour of a fall-back night is not run twice") {
    // 2026-10-25 Berlin: 03:00 CEST falls back to 02:00 CET.
    CHECK(runs("0 * * * *", "Europe/Berlin", "2026-10-24 23:30:00", 4) ==
          std::vector<std::string>{"2026-10-25 02:00:00 CEST", "2026-10-25 03:00:00 CET",
                                   "2026-10-25 04:00:00 CET", "2026-10-25 05:00:00 CET"});
    // Asked from inside the second 02:xx, the next run is 03:00 CET, not 02:45 again.
    CHECK(runs("45 2 * * *", "Europe/Berlin", "2026-10-25 01:10:00", 1) ==
          std::vector<std::string>{"2026-10-26 02:45:00 CET"});
}

TEST_CASE("half-hour zones and half-hour shifts") {
    CHECK(runs("0 9 * * *", "Asia/Kolkata", "2026-11-23 00:00:00", 1) ==
          std::vector<std::string>{"2026-11-23 09:00:00 IST"});
    // Lord Howe Island moves its clocks by 30 minutes: 2026-10-04 02:00 becomes 02:30.
    CHECK(runs("15 2 * * *", "Australia/Lord_Howe", "2026-10-03 12:00:00", 2) ==
          std::vector<std::string>{"2026-10-04 02:30:00 +11", "2026-10-05 02:15:00 +11"});
}

TEST_CASE("a bad expression or zone is refused naming the field and what is wrong") {
    CHECK(refusal("0 2 * *") ==
          "'0 2 * *' has 4 fields; a schedule has five (minute hour day-of-month month "
          "day-of-week) or six with seconds first");
    CHECK(refusal("0 25 * * *") == "the hour field '25' has 25, outside 0-23");
    CHECK(refusal("0 2 * * FUNDAY") ==
          "the day-of-week field 'FUNDAY' has 'FUNDAY' where a number or a name belongs");
    CHECK(refusal("*/0 * * * *") ==
          "the minute field '*/0' has the step '0', which is not a whole number from 1 to 59");
    CHECK(refusal("0 10-2 * * *") ==
          "the hour field '10-2' has the range '10-2', which runs backwards");
    CHECK(refusal("0 1,,2 * * *") == "the hour field '1,,2' has an empty item");
    CHECK(refusal("? * * * *") == "the minute field '?' uses '?', which only the day fields take");
    CHECK(refusal("@reboot") ==
          "'@reboot' is not one of @yearly, @monthly, @weekly, @daily, @hourly");
    CHECK(refusal("0 2 * * *", "Mars/Olympus") ==
          "unknown time zone 'Mars/Olympus': use an IANA name such as UTC, Europe/Berlin or "
          "America/New_York");
    CHECK(refusal("0 0 ? * MON") == "accepted");
}

TEST_CASE("an expression that never matches has no next run") {
    CHECK_FALSE(Schedule("0 0 30 2 *", "UTC").next_after(utc("2026-11-23 00:00:00")));
}

TEST_CASE("a span is a whole number of seconds, minutes, hours or days") {
    CHECK(parse_span("90s") == std::chrono::seconds(90));
    CHECK(parse_span("30m") == std::chrono::seconds(1800));
    CHECK(parse_span("24h") == std::chrono::seconds(86400));
    CHECK(parse_span("7d") == std::chrono::seconds(604800));
    for (const char* bad : {"", "h", "24", "1.5h", "-1h", "24H", "1w", "99999999999d"}) {
        INFO(bad);
        CHECK_FALSE(parse_span(bad));
    }
}
