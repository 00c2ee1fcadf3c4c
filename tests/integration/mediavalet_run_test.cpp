// MediaValet end to end: the OIDC password grant, refresh, the subscription key, Link paging.
#include "workdir.hpp"

#include <catch2/catch.hpp>

using namespace itest;

namespace {

std::string mediavalet_jobs(
    const Sandbox& sandbox, const std::string& password = "SENTINEL-mv-password",
    const std::string& key_line = "      subscription_key: SENTINEL-mv-subscription-key\n") {
    return jobs_yaml(sandbox, R"(  mediavalet:
    plugin: mediavalet
    base_url: {sandbox}/mediavalet
    auth_url: {sandbox}/mediavalet
    credentials:
      username: valet@example.com
      password: )" + password + R"(
      client_id: mv-sandbox-client
      client_secret: SENTINEL-mv-client-secret
)" + key_line + R"(    options: {scope: openid offline_access api}
    retry: {max_attempts: 2, base_delay_ms: 10}
)",
                     R"(  assets:
    provider: mediavalet
    request: {path: /assets}
    paging: {type: next_url, limit: 40, limit_param: count, records: payload.assets}
    primary_key: id
    output:
      - {sink: warehouse, table: assets, mode: merge}
      - {sink: files, mode: replace}
)");
}

}  // namespace

TEST_CASE("mediavalet: Link-header pages arrive exactly once with the password grant") {
    Sandbox sandbox({"--records", "170"});
    Workdir work;
    work.write("jobs.yaml", mediavalet_jobs(sandbox));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml", "--log-level", "debug"});
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("job assets: ok, 170 records, 5 pages"));
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM assets") == 170);
    CHECK(lines_of(work.read("out/assets.jsonl")).size() == 170);
    CHECK(sandbox.count("login (password grant)") == 1);
}

TEST_CASE("mediavalet: an expiring token is refreshed with the refresh grant") {
    Sandbox sandbox({"--records", "80", "--token-ttl", "1", "--latency-ms", "150"});
    Workdir work;
    std::string jobs = mediavalet_jobs(sandbox);
    jobs.replace(jobs.find("limit: 40"), 9, "limit: 10");
    work.write("jobs.yaml", jobs);
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    REQUIRE(run.exit_code == 0);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM assets") == 80);
    CHECK(sandbox.count("login (password grant)") == 1);
    CHECK(sandbox.count("refresh") >= 1);
}

TEST_CASE("mediavalet: a wrong password is exit 77 with the server's reason") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", mediavalet_jobs(sandbox, "SENTINEL-not-it"));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 77);
    CHECK_THAT(run.err, Catch::Contains("provider 'mediavalet': the password grant was refused: "
                                        "invalid_grant (invalid_username_or_password)"));
}

TEST_CASE("mediavalet: without the subscription key the API's own message reaches the user") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", mediavalet_jobs(sandbox, "SENTINEL-mv-password", ""));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 77);
    CHECK_THAT(run.err, Catch::Contains("Access denied due to missing subscription key"));
}
