// The command line as a user meets it: validate, plugins, help and usage errors.
#include "workdir.hpp"

#include <catch2/catch.hpp>

#include <Poco/File.h>
#include <Poco/Glob.h>

#include <set>

using namespace itest;

TEST_CASE("the example jobs file and every ready-made job file validate") {
    Workdir work;
    std::set<std::string> files = {SOURCE_DIR "/jobs.example.yaml"};
    Poco::Glob::glob(SOURCE_DIR "/jobs/*/*.yaml", files);
    REQUIRE(files.size() >= 3);
    for (const auto& file : files) {
        Finished run = work.apirunner({"validate", "--config", file});
        CHECK(run.exit_code == 0);
        CHECK_THAT(run.out, Catch::Contains(file + ": ok ("));
    }
}

TEST_CASE("a jobs file with three mistakes gets three messages and exit 78") {
    Sandbox sandbox;
    Workdir work;
    std::string jobs = mediamath_jobs(sandbox);
    jobs.replace(jobs.find("limit: 100"), 10, "limit: 0");
    jobs.replace(jobs.find("mode: merge"), 11, "mode: upsert");
    jobs.replace(jobs.find("client_id:"), 10, "client_ib:");
    work.write("jobs.yaml", jobs);
    Finished run = work.apirunner({"validate", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 78);
    CHECK_THAT(run.err, Catch::Contains("3 problems"));
    CHECK_THAT(run.err,
               Catch::Contains("jobs.orgs.paging.limit: must be a positive integer, not '0'"));
    CHECK_THAT(run.err,
               Catch::Contains("jobs.orgs.output[0].mode: must be one of append, replace, merge"));
    // The misspelled key is one mistake: no second message about the missing client_id.
    CHECK_THAT(run.err,
               Catch::Contains("providers.mediamath.credentials.client_ib: unknown setting for "
                               "plugin 'mediamath' (did you mean 'client_id'?)"));
    CHECK_THAT(run.err, !Catch::Contains("missing required setting"));
}

TEST_CASE("run refuses a bad file before doing anything, with exit 78") {
    Workdir work;
    work.write("jobs.yaml",
               "version: 1\nproviders: {x: {plugin: nosuch, base_url: 'http://127.0.0.1:1'}}\n"
               "sinks: {s: {type: jsonl, path: o.jsonl}}\n"
               "jobs: {j: {provider: x, request: {path: /a}, output: {sink: s}}}\n");
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 78);
    CHECK_THAT(run.err, Catch::Contains("providers.x.plugin: no plugin named 'nosuch' was found"));
}

TEST_CASE("malformed YAML, a missing file and an unknown job are one clear line each") {
    Workdir work;
    work.write("bad.yaml", "version: 1\njobs: [\n");
    Finished bad = work.apirunner({"validate", "--config", "bad.yaml"});
    CHECK(bad.exit_code == 78);
    CHECK_THAT(bad.err, Catch::Contains("bad.yaml:") && Catch::Contains("not valid YAML"));

    Finished missing = work.apirunner({"validate", "--config", "nope.yaml"});
    CHECK(missing.exit_code == 78);
    CHECK_THAT(missing.err, Catch::Contains("no config file 'nope.yaml'"));

    Sandbox sandbox;
    work.write("jobs.yaml", mediamath_jobs(sandbox));
    Finished unknown = work.apirunner({"run", "orgz", "--config", "jobs.yaml"});
    CHECK(unknown.exit_code == 64);
    CHECK_THAT(unknown.err,
               Catch::Contains("no job named 'orgz'") && Catch::Contains("did you mean 'orgs'"));
}

TEST_CASE("plugins lists mediamath with its version and grants") {
    Workdir work;
    Finished run = work.apirunner({"plugins"});
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("mediamath") && Catch::Contains("1.0.0") &&
                            Catch::Contains("password refresh_token"));
}

TEST_CASE("a broken .so on the plugin path is listed as refused and the others still load") {
    Workdir work;
    Poco::File(work.file("plugins")).createDirectories();
    work.write("plugins/libapirunner_broken.so", "not a shared library\n");
    Finished run = work.apirunner({"plugins", "--plugin-path", work.file("plugins")});
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("refused: " + work.file("plugins/libapirunner_broken.so") +
                                        ": cannot be loaded"));
    CHECK_THAT(run.out, Catch::Contains("mediamath"));
}

TEST_CASE("every verb has help, and usage mistakes exit 64") {
    Workdir work;
    for (const char* verb : {"run", "validate", "list", "plugins", "history", "auth"}) {
        Finished help = work.apirunner({verb, "--help"});
        CHECK(help.exit_code == 0);
        CHECK_THAT(help.out, Catch::Contains(std::string("usage: apirunner ") + verb));
    }
    CHECK(work.apirunner({"frobnicate"}).exit_code == 64);
    CHECK(work.apirunner({"run", "--no-such-option"}).exit_code == 64);
    CHECK(work.apirunner({"run", "--log-level", "loud"}).exit_code == 64);
    CHECK(work.apirunner({}).exit_code == 64);
}

TEST_CASE("list shows each job with its provider, schedule and outputs") {
    Workdir work;
    Finished run = work.apirunner({"list", "--config", SOURCE_DIR "/jobs.example.yaml"});
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("mediamath-organizations") &&
                            Catch::Contains("0 2 * * * UTC") &&
                            Catch::Contains("warehouse:mediamath_organizations (merge)"));
}

namespace {

// The orgs job of mediamath_jobs with `schedule_lines` added.
std::string scheduled_jobs(const Sandbox& sandbox, const std::string& schedule_lines) {
    std::string jobs = mediamath_jobs(sandbox, "", 10);
    jobs.insert(jobs.find("  orgs:\n") + 8, schedule_lines);
    return jobs;
}

}  // namespace

TEST_CASE("list shows the next three runs on the job's wall clock, across a spring-forward night") {
    Sandbox sandbox;
    Workdir work;
    work.write(
        "jobs.yaml",
        scheduled_jobs(sandbox, "    schedule: \"30 2 * * *\"\n    timezone: America/New_York\n"));
    Finished run =
        work.apirunner({"list", "--config", "jobs.yaml", "--from", "2026-03-07T12:00:00Z"});
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out,
               Catch::Contains("30 2 * * * America/New_York") &&
                   Catch::Contains("  next: 2026-03-08 03:00:00 EDT, 2026-03-09 02:30:00 EDT, "
                                   "2026-03-10 02:30:00 EDT"));
    CHECK(work.apirunner({"list", "--config", "jobs.yaml", "--from", "tomorrow"}).exit_code == 64);
}

TEST_CASE("a schedule or time zone that is wrong is named with its path, exit 78") {
    Sandbox sandbox;
    Workdir work;
    work.write(
        "jobs.yaml",
        scheduled_jobs(sandbox, "    schedule: \"0 25 * * *\"\n    timezone: Europe/Berlim\n"));
    Finished run = work.apirunner({"validate", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 78);
    CHECK_THAT(run.err, Catch::Contains("jobs.orgs.timezone: unknown time zone 'Europe/Berlim'"));
    work.write("jobs.yaml", scheduled_jobs(sandbox, "    schedule: \"0 25 * * *\"\n"));
    run = work.apirunner({"validate", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 78);
    CHECK_THAT(run.err,
               Catch::Contains("jobs.orgs.schedule: the hour field '25' has 25, outside 0-23"));
    work.write("jobs.yaml", scheduled_jobs(sandbox, "    schedule: \"0 0 31 2 *\"\n"));
    run = work.apirunner({"validate", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 78);
    CHECK_THAT(run.err, Catch::Contains(
                            "jobs.orgs.schedule: '0 0 31 2 *' never comes round (no such date)"));
}

TEST_CASE("auth check without introspection shows the session's lifetime, bad usage exits 64") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox));
    Finished run = work.apirunner({"auth", "check", "mediamath", "--config", "jobs.yaml"});
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("grant: password") &&
                            Catch::Contains("refresh_token: yes") &&
                            Catch::Contains("expires_in_s: 86"));
    CHECK(work.apirunner({"auth", "check", "nobody", "--config", "jobs.yaml"}).exit_code == 64);
    CHECK(work.apirunner({"auth", "frobnicate", "--config", "jobs.yaml"}).exit_code == 64);
}
