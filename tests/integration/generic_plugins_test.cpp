// The generic plugins against the sandbox's plain REST API: oauth2 (client_credentials with an
// audience, Basic or post, form or JSON; password with refresh), bearer, basic and apikey.
#include "workdir.hpp"

#include <catch2/catch.hpp>

using namespace itest;

namespace {

std::string generic_jobs(const Sandbox& sandbox, const std::string& provider_body) {
    return jobs_yaml(sandbox,
                     "  api:\n    base_url: {sandbox}/generic\n" + provider_body +
                         "    retry: {max_attempts: 2, base_delay_ms: 10}\n",
                     R"(  items:
    provider: api
    request: {path: /v1/items}
    paging: {type: next_url, limit: 20, limit_param: per_page, next: links.next, records: items}
    primary_key: id
    output: {sink: warehouse, table: items, mode: merge}
)");
}

struct Case {
    const char* name;
    const char* provider;
    const char* expected;  // the sandbox's log of how the API calls authenticated
};

const Case k_cases[] = {
    {"oauth2 client_credentials, Basic client auth, form body",
     "    plugin: oauth2\n    credentials: {client_id: generic-client, client_secret: "
     "SENTINEL-generic-client-secret}\n"
     "    options: {token_url: '{sandbox}/generic/oauth/token', audience: "
     "'https://generic.example/api'}\n",
     "via oauth2 bearer token"},
    {"oauth2 client_credentials, client auth in a JSON body",
     "    plugin: oauth2\n    credentials: {client_id: generic-client, client_secret: "
     "SENTINEL-generic-client-secret}\n"
     "    options: {token_url: '{sandbox}/generic/oauth/token', audience: "
     "'https://generic.example/api',\n"
     "              client_auth: post, body_format: json}\n",
     "login (client_credentials grant, post, json)"},
    {"oauth2 password grant",
     "    plugin: oauth2\n    grant: password\n"
     "    credentials: {client_id: generic-client, client_secret: SENTINEL-generic-client-secret,\n"
     "                  username: generic-user, password: SENTINEL-generic-password}\n"
     "    options: {token_url: '{sandbox}/generic/oauth/token'}\n",
     "login (password grant, basic, form)"},
    {"bearer static token",
     "    plugin: bearer\n    credentials: {token: SENTINEL-generic-static-token}\n",
     "via static bearer token"},
    {"basic",
     "    plugin: basic\n    credentials: {username: generic-user, password: "
     "SENTINEL-generic-password}\n",
     "via basic"},
    {"apikey in a header", "    plugin: apikey\n    credentials: {key: SENTINEL-generic-api-key}\n",
     "via api key in a header"},
    {"apikey in the query",
     "    plugin: apikey\n    credentials: {key: SENTINEL-generic-api-key}\n    options: {in: "
     "query, name: api_key}\n",
     "via api key in the query"},
};

}  // namespace

TEST_CASE("generic plugins: every scheme reads every record exactly once") {
    for (const Case& c : k_cases) {
        SECTION(c.name) {
            Sandbox sandbox({"--records", "65"});
            Workdir work;
            work.write("jobs.yaml", generic_jobs(sandbox, c.provider));
            Finished run = work.apirunner({"run", "--config", "jobs.yaml", "--log-level", "debug"});
            REQUIRE(run.exit_code == 0);
            CHECK_THAT(run.out, Catch::Contains("job items: ok, 65 records, 4 pages"));
            CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM items") == 65);
            CHECK(sandbox.count(c.expected) >= 1);
        }
    }
}

TEST_CASE("generic plugins: the oauth2 password grant refreshes a token that expires mid-run") {
    Sandbox sandbox({"--records", "100", "--token-ttl", "1", "--latency-ms", "150"});
    Workdir work;
    std::string jobs = generic_jobs(sandbox, k_cases[2].provider);
    jobs.replace(jobs.find("limit: 20"), 9, "limit: 10");
    work.write("jobs.yaml", jobs);
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    REQUIRE(run.exit_code == 0);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM items") == 100);
    CHECK(sandbox.count("login (password grant") == 1);
    CHECK(sandbox.count("refresh") >= 1);
}

TEST_CASE("generic plugins: a wrong audience is the provider's refusal, exit 77") {
    Sandbox sandbox;
    Workdir work;
    std::string provider = k_cases[0].provider;
    provider.replace(provider.find("https://generic.example/api"), 27, "https://elsewhere.example");
    work.write("jobs.yaml", generic_jobs(sandbox, provider));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 77);
    CHECK_THAT(
        run.err,
        Catch::Contains("provider 'api': the client_credentials grant was refused: access_denied "
                        "(Unknown audience: https://elsewhere.example)"));
}

TEST_CASE("generic plugins: a static token the API refuses cannot be renewed, exit 77") {
    Sandbox sandbox;
    Workdir work;
    work.write(
        "jobs.yaml",
        generic_jobs(sandbox,
                     "    plugin: bearer\n    credentials: {token: SENTINEL-stale-token}\n"));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 77);
    CHECK_THAT(
        run.err,
        Catch::Contains("provider 'api': the API refused the configured credentials (HTTP 401)"));
}

TEST_CASE("generic plugins: an API key 'in' neither header nor query is a configuration error") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml",
               generic_jobs(sandbox,
                            "    plugin: apikey\n    credentials: {key: SENTINEL-generic-api-key}\n"
                            "    options: {in: cookie}\n"));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 78);
    CHECK_THAT(run.err, Catch::Contains(
                            "provider 'api': setting 'in' must be header or query, not 'cookie'"));
}

TEST_CASE(
    "generic plugins: the refresh_token grant renews with its configured token when the "
    "answers carry none") {
    // Access tokens live 2 s and the walk takes longer, so the session is renewed mid-run: each
    // renewal must redeem the configured refresh token again, as with Google's token endpoint.
    Sandbox sandbox({"--records", "100", "--token-ttl", "2", "--latency-ms", "300"});
    Workdir work;
    work.write(
        "jobs.yaml",
        generic_jobs(sandbox,
                     "    plugin: oauth2\n    grant: refresh_token\n"
                     "    credentials: {client_id: generic-client, client_secret: "
                     "SENTINEL-generic-client-secret,\n"
                     "                  refresh_token: SENTINEL-generic-long-refresh-token}\n"
                     "    options: {token_url: '{sandbox}/generic/oauth/token'}\n"));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.err, !Catch::Contains("cannot renew it unattended"));
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM items") == 100);
    CHECK(sandbox.count("generic: refresh") >= 2);  // the login, then at least one renewal
}

TEST_CASE("generic plugins: a page number the request path names goes in the path") {
    Sandbox sandbox({"--records", "65"});
    Workdir work;
    std::string jobs = generic_jobs(sandbox, k_cases[5].provider);  // the API key in a header
    const std::string usual =
        "request: {path: /v1/items}\n    paging: {type: next_url, limit: 20, "
        "limit_param: per_page, next: links.next, records: items}";
    REQUIRE(jobs.find(usual) != std::string::npos);
    jobs.replace(jobs.find(usual), usual.size(),
                 "request: {path: '/v1/items/page/{page}'}\n"
                 "    paging: {type: page, limit: 20, limit_param: per_page, records: items}");
    work.write("jobs.yaml", jobs);
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    REQUIRE(run.exit_code == 0);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM items") == 65);
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(*) FROM items") == 65);
    for (const char* page : {"items page 1 ", "items page 4 ", "items page 5 "}) {
        CHECK(sandbox.count(page) == 1);  // 4 pages, then the empty one past the end
    }
}
