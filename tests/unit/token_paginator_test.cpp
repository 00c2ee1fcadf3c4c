// A token bookmark's walk (incremental/token_paginator): where the stored token goes, the first
// run's lower bound on its first request only, and the last page's token kept in the position.
#include "incremental/token_paginator.hpp"
#include "paging_walk.hpp"

#include <apirunner/error.hpp>

namespace {

IncrementalSpec token_spec(const std::string& token) {
    IncrementalSpec spec;
    spec.token = token;
    return spec;
}

const PageParams k_since{{"start_time", "0", true}};

// Two pages and a last one, each naming the next cursor; the last one a token of its own.
const Endpoint k_stream = pages({2, 2, 1}, [](int index) {
    return std::string(R"("next":"c)") + std::to_string(index + 1) + R"(","last":)" +
           (index == 2 ? "true" : "false") +
           (index == 2 ? std::string(R"(,"sync":"s-9")") : std::string());
});

PagingSpec cursor_spec() {
    PagingSpec paging = spec("cursor");
    paging.fields.set_text("cursor", "next");
    paging.fields.set_text("last_page", "last");
    paging.fields.set_text("limit_param", "");
    return paging;
}

}  // namespace

TEST_CASE("token paginator: the first run sends its lower bound with the first request only") {
    const PagingSpec paging = cursor_spec();
    const IncrementalSpec spec = token_spec("next");
    TokenPaginator paginator(paging, spec, std::nullopt, k_since);
    CHECK(walk(paginator, k_stream) ==
          std::vector<std::string>{"start_time=0", "cursor=c1", "cursor=c2"});
    // The last page's cursor is the token the next run starts from.
    CHECK(TokenPaginator::token_in(paginator.save()) == std::optional<std::string>("c3"));
}

TEST_CASE("token paginator: a stored token is where the walk starts, without the lower bound") {
    const PagingSpec paging = cursor_spec();
    const IncrementalSpec spec = token_spec("sync");
    TokenPaginator paginator(paging, spec, std::string("c7"), k_since);
    CHECK(walk(paginator, k_stream) ==
          std::vector<std::string>{"cursor=c7", "cursor=c1", "cursor=c2"});
    CHECK(TokenPaginator::token_in(paginator.save()) == std::optional<std::string>("s-9"));
}

TEST_CASE("token paginator: a last page without the token leaves none, and a resume keeps it") {
    const PagingSpec paging = cursor_spec();
    const IncrementalSpec spec = token_spec("sync");
    TokenPaginator first(paging, spec, std::nullopt, k_since);
    auto request = first.next();
    REQUIRE(request);
    Served served = k_stream(*request, 0);
    ParsedPage page = parse_page(served.body, JsonPath::parse("data"));
    first.accept(Page{page.body, page.records.size(), served.headers, served.url});
    CHECK_FALSE(TokenPaginator::token_in(first.save()));  // only the last page has "sync"

    // Taken up after a kill: no lower bound again, the walk goes on at its cursor.
    TokenPaginator resumed(paging, spec, std::nullopt, k_since);
    resumed.restore(first.save());
    const auto rest = walk(
        resumed, [&](const PageRequest& next, int index) { return k_stream(next, index + 1); });
    CHECK(rest == std::vector<std::string>{"cursor=c1", "cursor=c2"});
    CHECK(TokenPaginator::token_in(resumed.save()) == std::optional<std::string>("s-9"));
    CHECK_FALSE(TokenPaginator::token_in("not json"));
}

TEST_CASE("token paginator: next_url starts at the stored URL, offset paging cannot start") {
    PagingSpec next_url = spec("next_url");
    next_url.fields.set_text("next", "next");
    const IncrementalSpec spec = token_spec("delta");
    TokenPaginator paginator(next_url, spec, std::string("https://api.test/v1/items?delta=x"), {});
    const auto first = paginator.next();
    REQUIRE(first);
    CHECK(first->url == std::optional<std::string>("https://api.test/v1/items?delta=x"));
    CHECK_THROWS_AS(TokenPaginator(paging_walk::spec("offset"), spec, std::string("t"), {}), Error);
}

TEST_CASE(
    "token paginator: a delta link is kept resolved, and one that could not be used is refused") {
    PagingSpec next_url = spec("next_url");
    next_url.fields.set_text("next", "next");
    const IncrementalSpec spec = token_spec("delta");
    const auto last_page = [&](const std::string& delta) {
        TokenPaginator paginator(next_url, spec, std::nullopt, {});
        REQUIRE(paginator.next());
        const std::string body = R"({"data":[{"id":1}],"delta":")" + delta + R"("})";
        ParsedPage page = parse_page(body, JsonPath::parse("data"));
        const HeaderList headers;
        const std::string url = "https://api.test/v1/items/delta";
        paginator.accept(Page{page.body, page.records.size(), headers, url});
        return TokenPaginator::token_in(paginator.save());
    };
    // Relative, as some APIs give them: the next run needs it whole.
    CHECK(last_page("/v1/items/delta?token=D1") ==
          std::optional<std::string>("https://api.test/v1/items/delta?token=D1"));
    CHECK_THROWS_WITH(last_page("https://other.test/v1?token=D1"),
                      Catch::Contains("on another origin (https://other.test:443)"));
    // A space or line break would split the request line when the next run sends it.
    CHECK_THROWS_WITH(last_page("/v1?token=D1 HTTP/1.1\\r\\nX-Injected: 1"),
                      Catch::Contains("holds a control character"));
    CHECK_THROWS_WITH(last_page("/v1?token=D1 HTTP/1.1"),
                      Catch::Contains("holds a space or a control character"));
    CHECK_THROWS_WITH(last_page(std::string(9000, 'x')), Catch::Contains("more than 8192"));
}
