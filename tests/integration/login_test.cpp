// apirunner login: the authorization-code bootstrap with PKCE, a test playing the browser against
// the sandbox's authorization pages, and the stored session used by the next run.
#include "workdir.hpp"

#include <catch2/catch.hpp>

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/URI.h>

using namespace itest;

namespace {

// The browser: submits the sign-in form on the authorization page, returns where it is sent.
std::string sign_in(const std::string& authorize_url, const std::string& user,
                    const std::string& password, bool deny = false) {
    const Poco::URI uri(authorize_url);
    Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathAndQuery(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    Poco::Net::HTMLForm form;
    form.set(deny ? "deny" : "username", deny ? "1" : user);
    form.set("password", password);
    form.prepareSubmit(request);
    form.write(session.sendRequest(request));
    Poco::Net::HTTPResponse response;
    session.receiveResponse(response);
    return response.getStatus() == 302 ? response.get("Location") : "";
}

int visit(const std::string& url) {
    const Poco::URI uri(url);
    Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, uri.getPathAndQuery(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    session.receiveResponse(response);
    return response.getStatus();
}

std::string trimmed(std::string line) {
    line.erase(0, line.find_first_not_of(' '));
    return line;
}

std::string code_jobs(const Sandbox& sandbox, const std::string& provider) {
    if (provider == "mediavalet") {
        return jobs_yaml(sandbox, R"(  mediavalet:
    plugin: mediavalet
    base_url: {sandbox}/mediavalet
    auth_url: {sandbox}/mediavalet
    grant: authorization_code
    credentials: {client_id: mv-sandbox-client, client_secret: SENTINEL-mv-client-secret,
                  subscription_key: SENTINEL-mv-subscription-key}
)",
                         R"(  assets:
    provider: mediavalet
    request: {path: /assets}
    paging: {type: next_url, limit: 100, limit_param: count, records: payload.assets}
    primary_key: id
    output: {sink: warehouse, table: assets, mode: merge}
)");
    }
    if (provider == "mediahaven") {
        return jobs_yaml(sandbox, R"(  mediahaven:
    plugin: mediahaven
    base_url: {sandbox}/mediahaven
    grant: authorization_code
    credentials: {client_id: mhv-sandbox-client, client_secret: SENTINEL-mhv-client-secret}
)",
                         R"(  records:
    provider: mediahaven
    request: {path: /mediahaven-rest-api/v2/records}
    paging: {type: page, limit: 100, limit_param: nrOfResults, records: Results, total: TotalNrOfResults}
    primary_key: RecordId
    output: {sink: warehouse, table: records, mode: merge}
)");
    }
    return jobs_yaml(sandbox, R"(  mediamath:
    plugin: mediamath
    base_url: {sandbox}/mediamath
    auth_url: {sandbox}/mediamath-auth
    grant: authorization_code
    credentials: {client_id: mm-sandbox-client, client_secret: SENTINEL-mm-client-secret}
)",
                     R"(  orgs:
    provider: mediamath
    request: {path: /api/v3.0/organizations}
    paging: {type: offset, limit: 100, limit_param: page_limit, offset_param: page_offset,
             records: data, total: meta.total_count}
    primary_key: id
    output: {sink: warehouse, table: orgs, mode: merge}
)");
}

std::vector<std::string> login_args(const std::string& provider,
                                    std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"login",         provider,   "--config",  "jobs.yaml",
                                     "--plugin-path", PLUGIN_DIR, "--timeout", "30"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

void check_no_secret(const Finished& finished) {
    CHECK(finished.out.find("SENTINEL-") == std::string::npos);
    CHECK(finished.err.find("SENTINEL-") == std::string::npos);
}

}  // namespace

TEST_CASE("login: a browser sign-in on the loopback listener stores a session the next run uses") {
    struct Provider {
        const char* name;
        const char* user;
        const char* password;
        const char* table;
    };
    for (const Provider& p :
         {Provider{"mediavalet", "valet@example.com", "SENTINEL-mv-password", "assets"},
          Provider{"mediamath", "operator@example.com", "SENTINEL-mm-password", "orgs"},
          Provider{"mediahaven", "haven@example.com", "SENTINEL-mhv-password", "records"}}) {
        SECTION(p.name) {
            Sandbox sandbox;
            Workdir work;
            work.write("jobs.yaml", code_jobs(sandbox, p.name));
            Finished before = work.apirunner({"run", "--config", "jobs.yaml"});
            CHECK(before.exit_code == 77);
            CHECK_THAT(before.err, Catch::Contains("run `apirunner login"));

            Running login(APIRUNNER_BIN, login_args(p.name), work.path());
            const std::string url = trimmed(login.line_with("code_challenge_method=S256", 20));
            REQUIRE_FALSE(url.empty());
            CHECK_THAT(url, Catch::Contains("state=") &&
                                Catch::Contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A"));
            const std::string back = sign_in(url, p.user, p.password);
            REQUIRE_THAT(back, Catch::StartsWith("http://127.0.0.1:") && Catch::Contains("code="));
            CHECK(visit(back) == 200);
            Finished done = login.wait(30);
            INFO(done.out << done.err);
            CHECK(done.exit_code == 0);
            CHECK_THAT(done.out,
                       Catch::Contains("provider " + std::string(p.name) + ": logged in") &&
                           Catch::Contains("refresh_token: yes"));
            check_no_secret(done);

            Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
            REQUIRE(run.exit_code == 0);
            CHECK(work.sql("out/extracts.sqlite", std::string("SELECT count(*) FROM ") + p.table) ==
                  250);
            CHECK(sandbox.count("login (authorization code)") == 1);
            CHECK(sandbox.count("login (password grant)") == 0);
        }
    }
}

TEST_CASE("login --no-listen: the redirect URL is pasted on stdin") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", code_jobs(sandbox, "mediahaven"));
    Running login(
        APIRUNNER_BIN,
        login_args("mediahaven", {"--no-listen", "--redirect-uri", "http://127.0.0.1:9/callback"}),
        work.path());
    const std::string url = trimmed(login.line_with("code_challenge_method=S256", 20));
    REQUIRE_FALSE(url.empty());
    const std::string back = sign_in(url, "haven@example.com", "SENTINEL-mhv-password");
    REQUIRE_THAT(back, Catch::StartsWith("http://127.0.0.1:9/callback?code="));
    login.write(back + "\n");
    Finished done = login.wait(30);
    INFO(done.out << done.err);
    CHECK(done.exit_code == 0);
    check_no_secret(done);
    CHECK(work.apirunner({"run", "--config", "jobs.yaml"}).exit_code == 0);
}

TEST_CASE("login: a redirect whose state was tampered with is refused, exit 77") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", code_jobs(sandbox, "mediamath"));
    Running login(APIRUNNER_BIN, login_args("mediamath"), work.path());
    const std::string url = trimmed(login.line_with("code_challenge_method=S256", 20));
    REQUIRE_FALSE(url.empty());
    std::string back = sign_in(url, "operator@example.com", "SENTINEL-mm-password");
    REQUIRE(back.find("state=") != std::string::npos);
    back.replace(back.find("state=") + 6, 4, "zzzz");  // the state is hex: never equal
    visit(back);
    Finished done = login.wait(30);
    CHECK(done.exit_code == 77);
    CHECK_THAT(done.err, Catch::Contains("the redirect's state does not match this login"));
    CHECK(sandbox.count("login (authorization code)") == 0);
}

TEST_CASE("login: a user who denies access gets the provider's answer, exit 77") {
    Sandbox sandbox;
    Workdir work;
    work.write("jobs.yaml", code_jobs(sandbox, "mediavalet"));
    Running login(APIRUNNER_BIN, login_args("mediavalet"), work.path());
    const std::string url = trimmed(login.line_with("code_challenge_method=S256", 20));
    REQUIRE_FALSE(url.empty());
    const std::string back = sign_in(url, "", "", true);
    REQUIRE_THAT(back, Catch::Contains("error=access_denied"));
    visit(back);
    Finished done = login.wait(30);
    CHECK(done.exit_code == 77);
    CHECK_THAT(done.err,
               Catch::Contains("provider 'mediavalet' refused the authorization: access_denied"));
}
