// MediaHound end to end: Basic client authentication, '+'-delimited scopes, the refresh grant,
// the unapproved-application answer, and cursor paging.
#include "workdir.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace itest;

namespace {

std::string mediahound_jobs(const Sandbox& sandbox,
                            const std::string& client_id = "mh-sandbox-client",
                            const std::string& client_secret = "SENTINEL-mh-client-secret",
                            const std::string& scope = "public_profile+user_likes") {
    return jobs_yaml(sandbox,
                     R"(  mediahound:
    plugin: mediahound
    base_url: {sandbox}/mediahound
    auth_url: {sandbox}/mediahound
    credentials:
      username: hound@example.com
      password: SENTINEL-mh-password
      client_id: )" + client_id +
                         R"(
      client_secret: )" + client_secret +
                         R"(
    options: {scope: ")" +
                         scope + R"("}
    retry: {max_attempts: 2, base_delay_ms: 10}
)",
                     R"(  movies:
    provider: mediahound
    request: {path: /1.3/media/movies}
    paging: {type: cursor, limit: 10, limit_param: pageSize, cursor_param: next,
             cursor: pagination.next, records: content}
    primary_key: mhid
    output:
      - {sink: warehouse, table: movies, mode: merge}
      - {sink: files, mode: replace}
)");
}

}  // namespace

TEST_CASE("mediahound: cursor pages arrive exactly once with Basic auth and '+' scopes") {
    Sandbox sandbox({"--records", "95"});
    Workdir work;
    work.write("jobs.yaml", mediahound_jobs(sandbox));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml", "--log-level", "debug"});
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("job movies: ok, 95 records, 10 pages"));
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT mhid) FROM movies") == 95);
    const auto lines = lines_of(work.read("out/movies.jsonl"));
    CHECK(std::set<std::string>(lines.begin(), lines.end()).size() == 95);
    CHECK(sandbox.count("login (password grant)") == 1);
}

TEST_CASE("mediahound: an application not approved for the password grant is told so, exit 77") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml",
               mediahound_jobs(sandbox, "mh-unapproved-client", "SENTINEL-mh-unapproved-secret"));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 77);
    CHECK_THAT(run.err, Catch::Contains("provider 'mediahound': the password grant was refused: "
                                        "invalid_client (Unauthorized grant type: password)"));
}

TEST_CASE("mediahound: a scope the sandbox does not know is a configuration error, exit 78") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml",
               mediahound_jobs(sandbox, "mh-sandbox-client", "SENTINEL-mh-client-secret",
                               "public_profile+everything"));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 78);
    CHECK_THAT(run.err,
               Catch::Contains("invalid_scope (Invalid scope: public_profile everything)"));
}

TEST_CASE("mediahound: tokens that expire mid-run are refreshed, not re-logged in") {
    Sandbox sandbox({"--records", "60", "--token-ttl", "1", "--latency-ms", "150"});
    Workdir work;
    work.write("jobs.yaml", mediahound_jobs(sandbox));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    REQUIRE(run.exit_code == 0);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT mhid) FROM movies") == 60);
    CHECK(sandbox.count("login (password grant)") == 1);
    CHECK(sandbox.count("refresh") >= 1);
}

TEST_CASE("mediahound sandbox: a token request without Basic authorization is refused") {
    Sandbox sandbox;
    std::string answer;
    const int status = post_form(
        sandbox.url("/mediahound/1.3/security/oauth/token"),
        "grant_type=password&client_id=mh-sandbox-client&client_secret=x&username=u&password=p",
        &answer);
    CHECK(status == 401);
    CHECK_THAT(answer, Catch::Contains("Full authentication is required"));
}

TEST_CASE("mediahound: a wrong password is exit 77 with the provider's words") {
    Sandbox sandbox;
    Workdir work;
    std::string jobs = mediahound_jobs(sandbox);
    jobs.replace(jobs.find("SENTINEL-mh-password"), 20, "SENTINEL-wrong-pass!");
    work.write("jobs.yaml", jobs);
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 77);
    CHECK_THAT(run.err, Catch::Contains("provider 'mediahound': the password grant was refused: "
                                        "invalid_grant (Bad credentials)"));
}
