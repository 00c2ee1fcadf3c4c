// Where a job's request parts and paging values end up in each page's HTTP request.
#include "extract/page_request.hpp"

#include <catch2/catch.hpp>

using namespace apirunner;

namespace {

JobSpec job_with(const std::string& inject) {
    JobSpec job;
    job.request.path = "/v1/items";
    job.request.params = {{"sort", "id"}};
    job.request.headers = {{"Notion-Version", "2022-06-28"}};
    job.paging = paging_spec("cursor");
    job.paging.fields.set_text("inject", inject);
    return job;
}

std::optional<std::string> header_of(const HttpRequest& request, const std::string& name) {
    for (const auto& [header, value] : request.headers) {
        if (header == name) {
            return value;
        }
    }
    return std::nullopt;
}

const PageRequest k_second_page{{{"page_size", "100", true}, {"start_cursor", "c-1", false}},
                                std::nullopt};

}  // namespace

TEST_CASE("page request: paging values in the query, after the job's own parameters") {
    const HttpRequest request =
        PageRequests("http://127.0.0.1:1/api", job_with("query")).make(k_second_page);
    CHECK(request.method == "GET");
    CHECK(request.url == "http://127.0.0.1:1/api/v1/items?sort=id&page_size=100&start_cursor=c-1");
    CHECK(header_of(request, "Notion-Version") == std::optional<std::string>("2022-06-28"));
    CHECK(request.body.empty());
}

TEST_CASE("page request: paging values in the JSON body, counts as numbers, the body kept") {
    JobSpec job = job_with("body");
    job.request.method = "POST";
    job.request.body = R"({"filter":{"property":"Done","checkbox":{"equals":true}},"page_size":5})";
    const HttpRequest request = PageRequests("http://127.0.0.1:1/api", job).make(k_second_page);
    CHECK(request.url == "http://127.0.0.1:1/api/v1/items?sort=id");
    CHECK(request.body == R"({"filter":{"property":"Done","checkbox":{"equals":true}},)"
                          R"("page_size":100,"start_cursor":"c-1"})");
    CHECK(header_of(request, "Content-Type") == std::optional<std::string>("application/json"));
    // The first page: no cursor yet, and a body made from nothing when the job has none.
    job.request.body.reset();
    CHECK(PageRequests("http://x:1", job)
              .make(PageRequest{{{"page_size", "100", true}}, std::nullopt})
              .body == R"({"page_size":100})");
}

TEST_CASE("page request: paging values in headers") {
    const HttpRequest request =
        PageRequests("http://127.0.0.1:1/api", job_with("header")).make(k_second_page);
    CHECK(request.url == "http://127.0.0.1:1/api/v1/items?sort=id");
    CHECK(header_of(request, "start_cursor") == std::optional<std::string>("c-1"));
    CHECK(header_of(request, "page_size") == std::optional<std::string>("100"));
}

TEST_CASE("page request: a URL the provider gave is used as it is, with the job's headers") {
    PageRequest next{{}, std::string("http://127.0.0.1:1/api/v1/items?after=z")};
    const HttpRequest request =
        PageRequests("http://127.0.0.1:1/api", job_with("query")).make(next);
    CHECK(request.url == "http://127.0.0.1:1/api/v1/items?after=z");
    CHECK(header_of(request, "Notion-Version") == std::optional<std::string>("2022-06-28"));
}

TEST_CASE("page request: a URL on another origin is refused, whatever gave it") {
    const JobSpec job = job_with("query");  // PageRequests keeps a reference to it
    const PageRequests requests("http://127.0.0.1:1/api", job);
    // Another port, scheme or host would receive the session's credentials.
    for (const char* url : {"http://127.0.0.1:2/api/v1/items", "https://127.0.0.1:1/api/v1/items",
                            "http://localhost:1/api/v1/items", "/api/v1/items", "::"}) {
        INFO(url);
        CHECK_THROWS_WITH(requests.make(PageRequest{{}, std::string(url)}),
                          Catch::Contains("not on the provider's origin http://127.0.0.1:1") &&
                              !Catch::Contains("v1/items"));
    }
    CHECK_THROWS_WITH(requests.make(PageRequest{{},
                                                std::string("http://127.0.0.1:1/x?a=1 "
                                                            "HTTP/1.1\r\nX-Evil: 1")}),
                      Catch::Contains("holds a space or a control character"));
    CHECK(requests.make(PageRequest{{}, std::string("http://127.0.0.1:1/x?a=1")}).url ==
          "http://127.0.0.1:1/x?a=1");
}

TEST_CASE("page request: a value the path names goes in the path, the others where inject says") {
    for (const char* inject : {"query", "header"}) {
        JobSpec job = job_with(inject);
        job.request.path = "/v1/items/size/{page_size}/list";
        const HttpRequest request = PageRequests("http://127.0.0.1:1/api", job).make(k_second_page);
        CHECK_THAT(request.url, Catch::StartsWith("http://127.0.0.1:1/api/v1/items/size/100/list"));
        CHECK_THAT(request.url, !Catch::Contains("page_size="));
        CHECK_FALSE(header_of(request, "page_size"));
        CHECK((request.url.find("start_cursor=c-1") != std::string::npos) ==
              (std::string(inject) == "query"));
    }
}

TEST_CASE("path template: a value keeps its slashes, its query marks and spaces encoded") {
    JobSpec job = job_with("query");
    job.request.path = "/p/{day}/x/{day}";  // named twice: both filled
    const HttpRequest request =
        PageRequests("http://127.0.0.1:1/api", job, {{"day", "2026/03/08 a?b#c", false}})
            .make(PageRequest{});
    CHECK(request.url ==
          "http://127.0.0.1:1/api/p/2026/03/08%20a%3Fb%23c/x/2026/03/08%20a%3Fb%23c?sort=id");
    PageParams params = {{"page", "7", true}, {"limit", "5", true}};
    CHECK(PathTemplate("/p/{page}/x").fill(params) == "/p/7/x");
    REQUIRE(params.size() == 1);
    CHECK(params.front().name == "limit");
    CHECK(PathTemplate("/plain").names().empty());
    CHECK(PathTemplate("/a/{page}/b/{limit}").names() == std::vector<std::string>{"page", "limit"});
}

TEST_CASE("path template: braces that do not pair are refused, saying how to write one") {
    CHECK(PathTemplate::problem("/a/{page}/b").empty());
    CHECK(PathTemplate::problem("/a/%7Bliteral%7D").empty());
    CHECK_THAT(PathTemplate::problem("/a/{page"), Catch::Contains("without its '}'"));
    CHECK_THAT(PathTemplate::problem("/a/page}"), Catch::Contains("%7D"));
    CHECK_THAT(PathTemplate::problem("/a/{}"), Catch::Contains("empty"));
    CHECK_THAT(PathTemplate::problem("/a/{x{y}}"), Catch::Contains("inside"));
}
