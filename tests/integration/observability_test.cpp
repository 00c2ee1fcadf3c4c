// What a run tells afterwards and meanwhile, through the real binary against the sandbox:
// history (table, --json, --since), the --report JSON, --log-format json, --quiet, and the live
// status lines on a terminal (run under script(1), which gives apirunner a pseudo-terminal).
#include "workdir.hpp"

#include <catch2/catch.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

using namespace itest;

namespace {

Poco::Dynamic::Var parse_json(const std::string& text) {
    INFO(text);
    Poco::JSON::Parser parser;
    return parser.parse(text);
}

Poco::JSON::Array::Ptr json_array(const std::string& text) {
    return parse_json(text).extract<Poco::JSON::Array::Ptr>();
}

Poco::JSON::Object::Ptr json_object(const std::string& text) {
    return parse_json(text).extract<Poco::JSON::Object::Ptr>();
}

// The jobs file with the organizations path broken: every run of it fails with a 404.
std::string broken_jobs(const Sandbox& sandbox) {
    std::string broken = mediamath_jobs(sandbox);
    broken.replace(broken.find("/api/v3.0/organizations"), 23, "/api/v3.0/nothing-here");
    return broken;
}

}  // namespace

TEST_CASE("history shows retries, refreshes and bytes, filters with --since and prints --json") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox));
    REQUIRE(work.apirunner({"run", "--config", "jobs.yaml"}).exit_code == 0);
    work.write("jobs.yaml", broken_jobs(sandbox));
    REQUIRE(work.apirunner({"run", "--config", "jobs.yaml"}).exit_code == 65);

    const Finished table = work.apirunner({"history", "--config", "jobs.yaml"});
    REQUIRE(table.exit_code == 0);
    CHECK_THAT(lines_of(table.out).front(),
               Catch::Contains("RETRIES") && Catch::Contains("REFRESHES") &&
                   Catch::Contains("BYTES") && Catch::Contains("ENDED"));

    const Finished json =
        work.apirunner({"history", "--config", "jobs.yaml", "--json", "--since", "1h"});
    REQUIRE(json.exit_code == 0);
    const auto runs = json_array(json.out);
    REQUIRE(runs->size() == 2);
    const auto failed = runs->getObject(0);  // newest first
    const auto ok = runs->getObject(1);
    CHECK(failed->getValue<std::string>("status") == "failed");
    CHECK_THAT(failed->getValue<std::string>("error"), Catch::Contains("answered HTTP 404"));
    CHECK(ok->getValue<std::string>("status") == "ok");
    CHECK(ok->getValue<int>("records") == 250);
    CHECK(ok->getValue<int>("pages") == 3);
    CHECK(ok->getValue<int>("retries") == 0);
    CHECK(ok->getValue<Poco::Int64>("bytes") >
          250 * 50);  // every record is more than 50 bytes of JSON
    CHECK(ok->isNull("error"));
    CHECK_FALSE(ok->isNull("ended_at"));

    const Finished future =
        work.apirunner({"history", "--config", "jobs.yaml", "--json", "--since", "2099-01-01"});
    REQUIRE(future.exit_code == 0);
    CHECK(json_array(future.out)->size() == 0);

    const Finished bad =
        work.apirunner({"history", "--config", "jobs.yaml", "--since", "yesterday"});
    CHECK(bad.exit_code == 64);
    CHECK_THAT(bad.err, Catch::Contains("--since takes an ISO 8601 time"));
}

TEST_CASE(
    "run --report writes what each job did as JSON, for a run that worked and one that failed") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox));
    const Finished ok_run =
        work.apirunner({"run", "--config", "jobs.yaml", "--report", "out/report.json"});
    REQUIRE(ok_run.exit_code == 0);
    auto report = json_object(work.read("out/report.json"));
    CHECK(report->getValue<int>("exit_code") == 0);
    CHECK(report->getArray("problems")->size() == 0);
    REQUIRE(report->getArray("jobs")->size() == 1);
    auto job = report->getArray("jobs")->getObject(0);
    CHECK(job->getValue<std::string>("job") == "orgs");
    CHECK(job->getValue<std::string>("status") == "ok");
    CHECK(job->getValue<int>("exit_code") == 0);
    CHECK(job->isNull("failure"));
    CHECK(job->getValue<int>("records") == 250);
    CHECK(job->getValue<int>("pages") == 3);
    CHECK(job->getValue<Poco::Int64>("bytes") > 0);
    CHECK(job->getArray("outputs")->size() == 2);
    CHECK_FALSE(work.exists("out/report.json.tmp"));

    work.write("jobs.yaml", broken_jobs(sandbox));
    const Finished failed_run =
        work.apirunner({"run", "--config", "jobs.yaml", "--report", "out/report.json"});
    REQUIRE(failed_run.exit_code == 65);
    report = json_object(work.read("out/report.json"));
    CHECK(report->getValue<int>("exit_code") == 65);
    job = report->getArray("jobs")->getObject(0);
    CHECK(job->getValue<std::string>("status") == "failed");
    CHECK(job->getValue<int>("exit_code") == 65);
    CHECK(job->getValue<std::string>("failure") == "bad data from provider");
    CHECK_THAT(job->getValue<std::string>("error"), Catch::Contains("answered HTTP 404"));
}

TEST_CASE("run --report says why a jobs file was refused, and never a secret in it") {
    Sandbox sandbox;
    Workdir work;
    std::string jobs = mediamath_jobs(sandbox);
    jobs.replace(jobs.find("primary_key:"), 12, "primary_key: id\n    primary_kye:");
    work.write("jobs.yaml", jobs);
    const Finished run =
        work.apirunner({"run", "--config", "jobs.yaml", "--report", "report.json"});
    CHECK(run.exit_code == 78);
    const std::string text = work.read("report.json");
    CHECK(text.find("SENTINEL-") == std::string::npos);
    const auto report = json_object(text);
    CHECK(report->getValue<int>("exit_code") == 78);
    REQUIRE(report->getArray("problems")->size() == 1);
    CHECK_THAT(report->getArray("problems")->getElement<std::string>(0),
               Catch::Contains("jobs.orgs.primary_kye: unknown key (did you mean 'primary_key'?)"));
    CHECK(report->getArray("jobs")->size() == 0);
}

TEST_CASE("a report that cannot be written is a configuration error, exit 78, after the jobs ran") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox));
    const Finished run =
        work.apirunner({"run", "--config", "jobs.yaml", "--report", "no-such-folder/report.json"});
    CHECK(run.exit_code == 78);
    CHECK_THAT(run.err,
               Catch::Contains("cannot write the run report 'no-such-folder/report.json'"));
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(*) FROM orgs") == 250);
}

TEST_CASE("a fast run checkpoints after its first page and its last, not after each page") {
    Sandbox sandbox({"--records", "2000"});
    Workdir work;
    work.write("jobs.yaml",
               mediamath_jobs(sandbox, "", 20));  // 100 pages in well under a second a page
    const Finished run = work.apirunner({"run", "--config", "jobs.yaml", "--log-format", "json"});
    REQUIRE(run.exit_code == 0);
    int pages = 0;
    int checkpoints = 0;
    for (const auto& line : lines_of(run.err)) {
        const std::string event = json_object(line)->getValue<std::string>("event");
        pages += event == "page";
        checkpoints += event == "checkpoint";
    }
    CHECK(pages == 100);
    CHECK(checkpoints >= 2);
    CHECK(checkpoints < 50);  // at most one a second after the first, however slow the machine
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM orgs") == 2000);
}

TEST_CASE(
    "with --log-format json every log line is a JSON object naming its event, job, run and "
    "provider") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox));
    const Finished run = work.apirunner({"run", "--config", "jobs.yaml", "--log-format", "json"});
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("job orgs: ok, 250 records"));  // stdout stays for people
    std::map<std::string, int> events;
    std::string run_id;
    for (const auto& line : lines_of(run.err)) {
        const auto object = json_object(line);
        for (const char* field : {"ts", "level", "event", "message"}) {
            CHECK(object->has(field));
        }
        const std::string event = object->getValue<std::string>("event");
        ++events[event];
        if (event == "job_start" || event == "job_end" || event == "page") {
            CHECK(object->getValue<std::string>("job") == "orgs");
            CHECK(object->getValue<std::string>("provider") == "mediamath");
            run_id = run_id.empty() ? object->getValue<std::string>("run_id") : run_id;
            CHECK(object->getValue<std::string>("run_id") == run_id);
        }
    }
    CHECK(events["job_start"] == 1);
    CHECK(events["page"] == 3);
    CHECK(events["checkpoint"] >= 2);  // after the first page, and after the last
    CHECK(events["job_end"] == 1);
    CHECK(events["log"] > 0);  // the plugin's and the HTTP client's own lines
    CHECK_FALSE(run_id.empty());

    const Finished bad = work.apirunner({"run", "--config", "jobs.yaml", "--log-format", "xml"});
    CHECK(bad.exit_code == 64);
    CHECK_THAT(bad.err, Catch::Contains("--log-format must be text or json, not 'xml'"));
}

TEST_CASE("with --quiet a run that worked prints nothing and one that failed prints the failure") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox));
    const Finished ok_run =
        work.apirunner({"run", "--config", "jobs.yaml", "--quiet", "--log-level", "warn"});
    REQUIRE(ok_run.exit_code == 0);
    CHECK(ok_run.out.empty());
    CHECK(ok_run.err.empty());
    work.write("jobs.yaml", broken_jobs(sandbox));
    const Finished failed_run =
        work.apirunner({"run", "--config", "jobs.yaml", "--quiet", "--log-level", "warn"});
    CHECK(failed_run.exit_code == 65);
    CHECK_THAT(failed_run.err, Catch::Contains("job 'orgs' failed (bad data from provider)"));
    CHECK_THAT(failed_run.out, Catch::Contains("0 of 1 jobs ok"));
}

TEST_CASE(
    "on a terminal a live line shows each running job's records, rate and time left, and none "
    "when the output is not a terminal or with --quiet") {
    Sandbox sandbox({"--latency-ms", "150"});
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox, "", 25));  // 10 pages of the 250 records
    const std::string command = std::string(APIRUNNER_BIN) +
                                " run --config jobs.yaml --log-level warn --plugin-path " +
                                PLUGIN_DIR;
    const Finished tty = run("/usr/bin/script", {"-qfec", command, "/dev/null"}, work.path());
    REQUIRE(tty.exit_code == 0);
    CHECK_THAT(tty.out, Catch::Contains("orgs: 50 of 250 records, 2 pages, ") &&
                            Catch::Contains(" records/s, about ") && Catch::Contains(" s left"));
    CHECK_THAT(tty.out, Catch::Contains("\x1b[1A\x1b[2K"));  // the line is redrawn in place
    CHECK_THAT(tty.out, Catch::Contains("job orgs: ok, 250 records, 10 pages"));

    const Finished quiet =
        run("/usr/bin/script", {"-qfec", command + " --quiet", "/dev/null"}, work.path());
    REQUIRE(quiet.exit_code == 0);
    CHECK(quiet.out.find("records/s") == std::string::npos);

    const Finished piped = work.apirunner({"run", "--config", "jobs.yaml"});
    REQUIRE(piped.exit_code == 0);
    CHECK(piped.err.find("records/s") == std::string::npos);
    CHECK(piped.err.find('\x1b') == std::string::npos);
}
