// apirunner's next run times against an independent oracle: python3-croniter matching the
// expressions on the wall clock and Python's zoneinfo placing them in time
// (tests/oracle/cron_oracle.py), over generated expressions, zones and instants, half of them
// within three hours of a daylight-saving change.
#include "schedule/schedule.hpp"

#include <catch2/catch.hpp>

#include <Poco/NumberParser.h>
#include <Poco/StringTokenizer.h>

#include <cstdio>
#include <memory>

using namespace apirunner;

namespace {

constexpr int cases = 12000;

std::string oracle_output(int count, int seed) {
    const std::string command = std::string("/usr/bin/python3 ") + ORACLE_DIR + "/cron_oracle.py " +
                                std::to_string(count) + " " + std::to_string(seed);
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
    REQUIRE(pipe);
    std::string text;
    char buffer[65536];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0;) {
        text.append(buffer, n);
    }
    return text;
}

std::string as_text(const std::optional<Instant>& at) {
    return at ? std::to_string(at->time_since_epoch().count()) : "none";
}

}  // namespace

TEST_CASE("next run times agree with python3-croniter and zoneinfo on 12,000 generated cases") {
    const std::string text = oracle_output(cases, 20261123);
    Poco::StringTokenizer lines(text, "\n", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    REQUIRE(lines.count() == cases);
    int compared = 0;
    int across_a_change = 0;
    std::vector<std::string> disagreements;
    for (const auto& line : lines) {
        Poco::StringTokenizer parts(line, "|");
        REQUIRE(parts.count() == 4);
        const Schedule schedule(parts[0], parts[1]);
        const date::time_zone* zone = find_time_zone(parts[1]);
        std::optional<Instant> at =
            Instant{std::chrono::seconds(Poco::NumberParser::parse64(parts[2]))};
        std::string ours;
        const auto before = zone->get_info(*at).offset;
        for (int run = 0; run < 3; ++run) {
            at = at ? schedule.next_after(*at) : std::nullopt;
            ours += (run ? " " : "") + as_text(at);
        }
        across_a_change += at && zone->get_info(*at).offset != before;
        ++compared;
        if (ours != parts[3] && disagreements.size() < 10) {
            disagreements.push_back(line + "  apirunner: " + ours);
        }
    }
    for (const auto& disagreement : disagreements) {
        UNSCOPED_INFO(disagreement);
    }
    CHECK(disagreements.empty());
    CHECK(compared == cases);
    CHECK(across_a_change > 100);  // the corpus does reach across daylight-saving changes
}
