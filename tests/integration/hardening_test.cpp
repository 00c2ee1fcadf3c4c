// Attacks through the real binary (issue "Hardening"): what an API, or whoever answers in its
// place, can make apirunner do with the credentials it holds.
#include "workdir.hpp"

#include <catch2/catch.hpp>

using namespace itest;

TEST_CASE("hardening: a redirect to another port of the same host gets no credential there") {
    Sandbox elsewhere;  // another origin: same host, another port
    Sandbox api({"--redirect-to", elsewhere.url("/generic/v1/items")});
    for (const char* provider :
         {"    plugin: apikey\n    credentials: {key: SENTINEL-generic-api-key}\n",
          "    plugin: bearer\n    credentials: {token: SENTINEL-generic-static-token}\n"}) {
        INFO(provider);
        Workdir work;
        work.write(
            "jobs.yaml",
            jobs_yaml(api, "  api:\n    base_url: {sandbox}/generic\n" + std::string(provider),
                      "  items:\n    provider: api\n    request: {path: /v1/items}\n"
                      "    paging: {type: none, records: items}\n"
                      "    output: {sink: files, mode: replace}\n"));
        const Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
        CHECK(run.exit_code == 65);
        CHECK_THAT(run.err, Catch::Contains("refused a redirect to another origin (" +
                                            elsewhere.url("") + ")"));
    }
    CHECK(api.count("fault: a redirect to") == 2);
    CHECK(elsewhere.count("generic: ") == 0);  // not one request reached the other origin
}
