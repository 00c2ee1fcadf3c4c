// OpenX end to end: OAuth 1.0a programmatic login (request token with oob, /login/process and
// its 302 cookie, access token), the openx3_access_token cookie, re-login, and logout.
#include "workdir.hpp"

#include <catch2/catch.hpp>

using namespace itest;

namespace {

std::string openx_jobs(const Sandbox& sandbox, const std::string& password = "SENTINEL-ox-password",
                       const std::string& consumer_secret = "SENTINEL-ox-consumer-secret",
                       const std::string& options = "", const std::string& path = "/ox/4.0/account",
                       int limit = 50) {
    return jobs_yaml(sandbox,
                     R"(  openx:
    plugin: openx
    base_url: {sandbox}/openx
    credentials:
      consumer_key: ox-sandbox-consumer
      consumer_secret: )" +
                         consumer_secret + R"(
      email: openx@example.com
      password: )" + password +
                         R"(
    options:
      sso_url: {sandbox}/openx-sso
)" + options + R"(    retry: {max_attempts: 2, base_delay_ms: 10}
)",
                     R"(  accounts:
    provider: openx
    request: {path: )" + path +
                         R"(}
    paging: {type: offset, limit: )" +
                         std::to_string(limit) + R"(, records: objects, total: total}
    primary_key: uid
    output:
      - {sink: warehouse, table: accounts, mode: merge}
      - {sink: files, mode: replace}
)");
}

}  // namespace

TEST_CASE("openx: the programmatic login, the cookie on every call, and a logout at the end") {
    Sandbox sandbox({"--records", "120"});
    Workdir work;
    work.write("jobs.yaml", openx_jobs(sandbox));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml", "--log-level", "debug"});
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("job accounts: ok, 120 records, 3 pages"));
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT uid) FROM accounts") == 120);
    CHECK(lines_of(work.read("out/accounts.jsonl")).size() == 120);
    CHECK(sandbox.count("request token (oob)") == 1);
    CHECK(sandbox.count("302 with a cookie") == 1);
    CHECK(sandbox.count("access token") == 1);
    CHECK(sandbox.count("logout (DELETE /session)") == 1);
    CHECK(sandbox.count("401") == 0);
}

TEST_CASE("openx: a wrong password stops at once with exit 77, without retrying") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", openx_jobs(sandbox, "SENTINEL-wrong"));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 77);
    CHECK_THAT(run.err,
               Catch::Contains("provider 'openx': the login with email and password was refused") &&
                   Catch::Contains("no oauth_verifier"));
    CHECK(sandbox.count("login refused") == 1);
}

TEST_CASE("openx: a bad consumer secret is a signature_invalid naming what was signed, exit 78") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", openx_jobs(sandbox, "SENTINEL-ox-password", "SENTINEL-not-the-secret"));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 78);
    CHECK_THAT(
        run.err,
        Catch::Contains("the request-token call was refused: signature_invalid (signed POST "
                        "http://127.0.0.1:" +
                        std::to_string(sandbox.port()) +
                        "/openx-sso/api/index/initiate with oauth_consumer_key, oauth_nonce, "
                        "oauth_signature_method, oauth_timestamp, oauth_version, oauth_callback, "
                        "oauth_signature); check consumer_key and consumer_secret"));
}

TEST_CASE("openx: a session that ended on the server is re-established after the API's 401") {
    Sandbox sandbox({"--records", "40", "--session-ttl", "1", "--latency-ms", "300"});
    Workdir work;
    work.write("jobs.yaml", openx_jobs(sandbox, "SENTINEL-ox-password",
                                       "SENTINEL-ox-consumer-secret", "", "/ox/4.0/account", 5));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    REQUIRE(run.exit_code == 0);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT uid) FROM accounts") == 40);
    CHECK(sandbox.count("401: no valid openx3_access_token cookie") >= 1);
    CHECK(sandbox.count("access token") >= 2);
}

TEST_CASE("openx: the session is renewed before its lifetime ends, without a 401") {
    Sandbox sandbox({"--records", "30", "--latency-ms", "250"});
    Workdir work;
    work.write("jobs.yaml",
               openx_jobs(sandbox, "SENTINEL-ox-password", "SENTINEL-ox-consumer-secret",
                          "      session_lifetime: 1\n", "/ox/4.0/account", 5));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    REQUIRE(run.exit_code == 0);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT uid) FROM accounts") == 30);
    CHECK(sandbox.count("access token") >= 2);
    CHECK(sandbox.count("401") == 0);
}

TEST_CASE("openx: the session is logged out even when the job fails") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", openx_jobs(sandbox, "SENTINEL-ox-password",
                                       "SENTINEL-ox-consumer-secret", "", "/ox/4.0/no-such-thing"));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 65);
    CHECK_THAT(run.err, Catch::Contains("GET /openx/ox/4.0/no-such-thing answered HTTP 404"));
    CHECK(sandbox.count("logout (DELETE /session)") == 1);
}
