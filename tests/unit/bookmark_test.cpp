// Bookmarks: read from records and from what a user types, compared as what they are, kept and
// sent in the job's format; and a run's range from the bookmark, the lookback and the options.
#include "config/jobs_config.hpp"
#include "incremental/incremental_run.hpp"

#include <apirunner/error.hpp>

#include <catch2/catch.hpp>

using namespace apirunner;

namespace {

Bookmark time_of(const std::string& text) {
    const auto value = Bookmark::from_text(text, BookmarkKind::time);
    REQUIRE(value);
    return *value;
}

JobSpec incremental_job(const std::string& format = "iso8601") {
    JobSpec job;
    job.name = "issues";
    job.primary_key = "id";
    IncrementalSpec incremental;
    incremental.cursor = "updated_at";
    incremental.param = "since";
    incremental.format = format;
    job.incremental = incremental;
    return job;
}

Instant at(const std::string& text) { return *parse_instant(text); }

}  // namespace

TEST_CASE("bookmark: times in any zone or epoch unit compare as the same instant") {
    CHECK(time_of("2026-03-08T02:30:00+01:00") == time_of("2026-03-08T01:30:00Z"));
    CHECK(time_of("1772933400") == time_of("2026-03-08T01:30:00Z"));     // epoch seconds
    CHECK(time_of("1772933400000") == time_of("2026-03-08T01:30:00Z"));  // milliseconds
    CHECK(time_of("2026-03-08T01:30:00.5Z").text() == "2026-03-08T01:30:00.500000Z");
    CHECK(time_of("2026-03-08").text() == "2026-03-08T00:00:00Z");
    CHECK(time_of("2026-03-08T01:30:00Z") < time_of("2026-03-08T01:30:00.000001Z"));
    CHECK_FALSE(Bookmark::from_text("yesterday", BookmarkKind::time));
    CHECK_FALSE(Bookmark::from_text("2026-13-40", BookmarkKind::time));
    // Numbers compare as numbers, text as text.
    CHECK(*Bookmark::from_text("9", BookmarkKind::number) <
          *Bookmark::from_text("10", BookmarkKind::number));
    CHECK(*Bookmark::from_text("10", BookmarkKind::text) <
          *Bookmark::from_text("9", BookmarkKind::text));
    CHECK_FALSE(Bookmark::from_text("9.5", BookmarkKind::number));
}

TEST_CASE("bookmark: each format sends the time its own way, to the second") {
    const Bookmark value = time_of("2026-03-08T01:30:00.75Z");
    CHECK(BookmarkFormat("iso8601").write(value) == "2026-03-08T01:30:00Z");
    CHECK(BookmarkFormat("epoch_s").write(value) == "1772933400");
    CHECK(BookmarkFormat("epoch_ms").write(value) == "1772933400750");
    CHECK(BookmarkFormat("date").write(value) == "2026-03-08");
    CHECK(BookmarkFormat("%Y/%m/%d %H").write(value) == "2026/03/08 01");
    CHECK(BookmarkFormat::problem("iso").find("must be iso8601") == 0);
    CHECK(BookmarkFormat::problem("%Y-%m-%d %H:%M").empty());
    CHECK_FALSE(BookmarkFormat::problem("%s").empty());  // epoch_s says that
}

TEST_CASE("incremental run: the range starts at the bookmark less the lookback, or at start") {
    JobSpec job = incremental_job();
    job.incremental->lookback_s = 3600;
    job.incremental->end_param = "until";
    const Instant now = at("2026-03-10T00:00:00Z");
    IncrementalRun from_bookmark(*job.incremental, job.primary_key,
                                 std::string("2026-03-08T01:30:00Z"), {}, now);
    CHECK(from_bookmark.params() ==
          PageParams{{"since", "2026-03-08T00:30:00Z", false, Inject::query},
                     {"until", "2026-03-10T00:00:00Z", false, Inject::query}});
    job.incremental->start = "2d";
    IncrementalRun first(*job.incremental, job.primary_key, std::nullopt, {}, now);
    CHECK(first.params().front().value == "2026-03-08T00:00:00Z");
    // --full-refresh starts from start again; --since overrides everything and moves nothing.
    CHECK(IncrementalRun(*job.incremental, job.primary_key, std::string("2026-03-09T00:00:00Z"),
                         {"", "", true}, now)
              .params()
              .front()
              .value == "2026-03-08T00:00:00Z");
    IncrementalRun once(*job.incremental, job.primary_key, std::string("2026-03-09T00:00:00Z"),
                        {"2026-01-01", "", false}, now);
    CHECK(once.params().front().value == "2026-01-01T00:00:00Z");
    CHECK_THROWS_AS(IncrementalRun(*job.incremental, job.primary_key, std::nullopt,
                                   {"last week", "", false}, now),
                    Error);
}

TEST_CASE("incremental run: the bookmark moves to the highest value seen, and only forward") {
    const JobSpec job = incremental_job();
    const Instant now = at("2026-03-10T00:00:00Z");
    IncrementalRun run(*job.incremental, job.primary_key, std::string("2026-03-08T00:00:00Z"), {},
                       now);
    std::string body =
        R"([{"id":1,"updated_at":"2026-03-09T10:00:00Z"},{"id":2,"updated_at":"2026-03-09T12:00:00+02:00"},)"
        R"({"id":3,"updated_at":"soon"},{"id":4}])";
    simdjson::dom::parser parser;
    std::vector<Record> records;
    for (simdjson::dom::object object : parser.parse(body).get_array()) {
        records.push_back({object, ""});
    }
    const auto unreadable = run.see(records);
    REQUIRE(unreadable.size() == 2);
    CHECK(unreadable[0] == "record 3: 'updated_at' is not a time (\"soon\")");
    CHECK(unreadable[1] == "record 4: no 'updated_at'");
    CHECK(run.next_bookmark(std::string("2026-03-08T00:00:00Z"), "") ==
          std::optional<std::string>("2026-03-09T10:00:00Z"));
    CHECK_FALSE(run.next_bookmark(std::string("2026-03-09T10:00:00Z"), ""));  // nothing newer
    // A resumed run keeps its range and what it had seen.
    IncrementalRun resumed(*job.incremental, job.primary_key, run.save());
    CHECK(resumed.params() == run.params());
    CHECK(resumed.next_bookmark(std::nullopt, "") ==
          std::optional<std::string>("2026-03-09T10:00:00Z"));
    // A one-off range never moves the bookmark.
    IncrementalRun once(*job.incremental, job.primary_key, std::nullopt,
                        {"2026-01-01", "2026-02-01", false}, now);
    once.see(records);
    CHECK_FALSE(once.next_bookmark(std::nullopt, ""));
}

TEST_CASE("bookmark: long fractions, a lower case z, and a pattern's own values are read") {
    CHECK(time_of("2026-03-08T01:30:00.1234567Z").text() == "2026-03-08T01:30:00.123456Z");
    CHECK(time_of("2026-03-08T01:30:00z") == time_of("2026-03-08T01:30:00Z"));
    const BookmarkFormat days("%Y%m%d");
    CHECK(days.read(std::string("20260308")) == time_of("2026-03-08"));  // not epoch seconds
    CHECK(days.read(std::string("2026-03-08T00:00:00Z")) == time_of("2026-03-08"));  // as kept
    CHECK(BookmarkFormat::problem("%Y%m%d").empty());
    CHECK_THAT(BookmarkFormat::problem("%Y"), Catch::Contains("cannot read back"));
}

TEST_CASE(
    "incremental run: the bookmark stops at the run's start, and at what a resumed run had "
    "seen before its kill") {
    const JobSpec job = incremental_job();
    const Instant now = at("2026-03-10T00:00:00Z");
    const auto records_of = [](simdjson::dom::parser& parser, const std::string& body) {
        std::vector<Record> records;
        for (simdjson::dom::object object : parser.parse(body).get_array()) {
            records.push_back({object, ""});
        }
        return records;
    };
    simdjson::dom::parser parser;
    IncrementalRun run(*job.incremental, job.primary_key, std::nullopt, {}, now);
    run.see(records_of(parser, R"([{"id":1,"updated_at":"2026-03-09T10:00:00Z"}])"));
    const std::string killed = run.save();  // the checkpoint a kill left
    run.see(records_of(parser, R"([{"id":2,"updated_at":"2099-01-01T00:00:00Z"}])"));
    CHECK(run.next_bookmark(std::nullopt, "") ==
          std::optional<std::string>("2026-03-10T00:00:00Z"));
    IncrementalRun resumed(*job.incremental, job.primary_key, killed);
    simdjson::dom::parser later;
    resumed.see(records_of(later, R"([{"id":3,"updated_at":"2026-03-09T20:00:00Z"}])"));
    CHECK(resumed.next_bookmark(std::nullopt, "") ==
          std::optional<std::string>("2026-03-09T10:00:00Z"));
    // A second kill keeps the first one's cap.
    IncrementalRun again(*job.incremental, job.primary_key, resumed.save());
    CHECK(again.next_bookmark(std::nullopt, "") ==
          std::optional<std::string>("2026-03-09T10:00:00Z"));
}
