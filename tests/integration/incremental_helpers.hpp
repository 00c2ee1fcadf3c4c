// What the incremental tests share: a sandbox's changes between two nights, a job's stored
// bookmark as `state show` prints it, and the counts of a run's summary.
#pragma once

#include "workdir.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <utility>

namespace itest {

// POSTs the sandbox's own changes request under `api` ("github", "zendesk", ...): edits
// `updated` records and adds `added`, as a day's work would.
inline void change_records(const Sandbox& sandbox, const std::string& api, int updated, int added) {
    REQUIRE(post_form(sandbox.url("/" + api + "/_sandbox/changes?updated=" +
                                  std::to_string(updated) + "&added=" + std::to_string(added)),
                      "") == 200);
}

// The job's bookmark as `state show` prints it ("" for none).
inline std::string stored_bookmark(const Workdir& work, const std::string& job) {
    const Finished shown = work.apirunner({"state", "show", job, "--config", "jobs.yaml"});
    REQUIRE(shown.exit_code == 0);
    std::smatch found;
    if (!std::regex_search(shown.out, found, std::regex("\n" + job + R"(\s+(\S+)\s)"))) {
        return "";
    }
    return found[1].str() == "(none:" ? "" : found[1].str();
}

// "ok, N records, P pages" of a run's summary.
inline std::pair<int, int> records_and_pages(const Finished& run) {
    std::smatch found;
    REQUIRE(std::regex_search(run.out, found, std::regex(R"(ok, (\d+) records, (\d+) pages)")));
    return {std::stoi(found[1]), std::stoi(found[2])};
}

}  // namespace itest
