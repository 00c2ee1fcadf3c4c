// apirunner daemon against the sandbox: a job on a seconds schedule runs again and again, a manual
// run of it meanwhile is refused, SIGTERM lets the run in hand checkpoint before the daemon ends,
// history shows every run, and /metrics parses as the Prometheus text format.
#include "workdir.hpp"

#include <catch2/catch.hpp>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <csignal>

using namespace itest;

namespace {

std::string scheduled_jobs(const Sandbox& sandbox, const std::string& schedule) {
    std::string jobs = mediamath_jobs(sandbox, "", 10);
    jobs.insert(jobs.find("  orgs:\n") + 8, "    schedule: \"" + schedule + "\"\n");
    return jobs;
}

std::string every_two_seconds(const Sandbox& sandbox) {
    return scheduled_jobs(sandbox, "*/2 * * * * *");
}

std::string fetch(const std::string& url) {
    const Poco::URI uri(url);
    Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
    session.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, uri.getPath());
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
    REQUIRE(response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK);
    return body;
}

// The value of one sample, read by the Prometheus client library's own parser, or the parser's
// complaint when the text is not the exposition format.
std::string prometheus_sample(Workdir& work, const std::string& text, const std::string& name,
                              const std::string& labels) {
    work.write("metrics.txt", text);
    work.write("parse.py",
               "import sys\n"
               "from prometheus_client.parser import text_string_to_metric_families\n"
               "for family in text_string_to_metric_families(open('metrics.txt').read()):\n"
               "    for s in family.samples:\n"
               "        labels = ','.join(k + '=' + v for k, v in sorted(s.labels.items()))\n"
               "        if s.name == sys.argv[1] and labels == sys.argv[2]:\n"
               "            print(int(s.value))\n");
    const Finished parsed = run("/usr/bin/python3", {"parse.py", name, labels}, work.path());
    INFO(parsed.err);
    REQUIRE(parsed.exit_code == 0);
    return parsed.out;
}

}  // namespace

TEST_CASE(
    "daemon: a seconds schedule runs the job again and again, a manual run meanwhile is refused, "
    "SIGTERM drains, history and /metrics show the runs") {
    // Each run takes about 2.4 s, so the manual run below meets it even on a loaded machine.
    Sandbox sandbox({"--records", "40", "--latency-ms", "600"});
    Workdir work;
    work.write("jobs.yaml", every_two_seconds(sandbox));
    Running daemon(
        APIRUNNER_BIN,
        {"daemon", "--config", "jobs.yaml", "--metrics-port", "0", "--log-level", "info"},
        work.path());
    const std::string metrics_line = daemon.line_with("daemon: metrics on http://127.0.0.1:", 15);
    REQUIRE_FALSE(metrics_line.empty());
    const std::string metrics_url = metrics_line.substr(metrics_line.find("http://"));

    REQUIRE_FALSE(daemon.line_with("job orgs: ok, 40 records, 4 pages", 20).empty());
    REQUIRE_FALSE(daemon.line_with("job orgs: starting", 10).empty());
    const Finished manual = work.apirunner({"run", "orgs", "--config", "jobs.yaml"});
    CHECK(manual.exit_code == 75);
    CHECK_THAT(manual.err, Catch::Contains("another apirunner process is running this job now"));
    REQUIRE_FALSE(daemon.line_with("job orgs: ok, 40 records, 4 pages", 20).empty());

    const std::string metrics = fetch(metrics_url);
    CHECK(std::stoi(
              prometheus_sample(work, metrics, "apirunner_runs_total", "job=orgs,status=ok")) >= 2);
    CHECK(std::stoi(prometheus_sample(work, metrics, "apirunner_records_total", "job=orgs")) >= 80);
    CHECK(std::stoi(prometheus_sample(work, metrics, "apirunner_last_success_timestamp_seconds",
                                      "job=orgs")) > 0);

    REQUIRE_FALSE(daemon.line_with("job orgs: starting", 10).empty());
    daemon.signal(SIGTERM);
    const Finished stopped = daemon.wait(30);
    CHECK(stopped.exit_code == 0);
    CHECK_THAT(stopped.out, Catch::Contains("daemon: stopped by SIGTERM"));
    CHECK_THAT(stopped.err,
               Catch::Contains("job 'orgs' failed (temporary failure): stopped by SIGTERM"));
    CHECK(stopped.out.find("SENTINEL-") == std::string::npos);
    CHECK(stopped.err.find("SENTINEL-") == std::string::npos);

    const Finished history = work.apirunner({"history", "orgs", "--config", "jobs.yaml"});
    CHECK(history.exit_code == 0);
    int ok_runs = 0;
    for (const auto& line : lines_of(history.out)) {
        ok_runs += line.find(" ok ") != std::string::npos;
    }
    CHECK(ok_runs >= 2);
    CHECK_THAT(history.out, Catch::Contains("stopped"));
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(*) FROM orgs") == 40);
}

TEST_CASE("daemon: a file without any schedule is refused, exit 78") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox, "", 10));
    const Finished run = work.apirunner({"daemon", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 78);
    CHECK_THAT(run.err, Catch::Contains("has a schedule: the daemon would have nothing to do"));
}

TEST_CASE("run --metrics-file writes the same metrics for node-exporter's textfile collector") {
    Sandbox sandbox({"--records", "30"});
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox, "", 10));
    const Finished run =
        work.apirunner({"run", "--config", "jobs.yaml", "--metrics-file", "orgs.prom"});
    REQUIRE(run.exit_code == 0);
    const std::string metrics = work.read("orgs.prom");
    CHECK(prometheus_sample(work, metrics, "apirunner_records_total", "job=orgs") == "30\n");
    CHECK(prometheus_sample(work, metrics, "apirunner_runs_total", "job=orgs,status=ok") == "1\n");
    CHECK_FALSE(work.exists("orgs.prom.tmp"));
}

TEST_CASE(
    "daemon: SIGHUP takes a changed jobs file and says what changed, and keeps the running one "
    "when the new one has problems") {
    Sandbox sandbox({"--records", "20"});
    Workdir work;
    work.write("jobs.yaml", scheduled_jobs(sandbox, "0 0 1 1 *"));
    Running daemon(APIRUNNER_BIN, {"daemon", "--config", "jobs.yaml", "--log-level", "warn"},
                   work.path());
    REQUIRE_FALSE(daemon.line_with("daemon: 1 scheduled jobs", 15).empty());

    work.write("jobs.yaml", every_two_seconds(sandbox));
    daemon.signal(SIGHUP);
    CHECK_FALSE(daemon.line_with("daemon: SIGHUP: reloaded ", 15).empty());
    CHECK_FALSE(
        daemon.line_with("job 'orgs': schedule '0 0 1 1 *' UTC -> '*/2 * * * * *' UTC", 5).empty());
    REQUIRE_FALSE(daemon.line_with("job orgs: ok, 20 records", 15).empty());

    std::string broken = every_two_seconds(sandbox);
    broken.replace(broken.find("primary_key:"), 12, "primary_kye:");
    work.write("jobs.yaml", broken);
    daemon.signal(SIGHUP);
    REQUIRE_FALSE(
        daemon.line_with("job orgs: ok, 20 records", 15).empty());  // still on the old file
    REQUIRE_FALSE(daemon.line_with("job orgs: ok, 20 records", 15).empty());

    daemon.signal(SIGTERM);
    const Finished stopped = daemon.wait(30);
    CHECK(stopped.exit_code == 0);
    CHECK_THAT(
        stopped.err,
        Catch::Contains("jobs.yaml was not taken, the jobs go on as before") &&
            Catch::Contains("jobs.orgs.primary_kye: unknown key (did you mean 'primary_key'?)"));
    CHECK(stopped.out.find("SENTINEL-") == std::string::npos);
    CHECK(stopped.err.find("SENTINEL-") == std::string::npos);
}
