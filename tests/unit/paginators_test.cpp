#include "extract/page_parser.hpp"
#include "paging/next_url_paginator.hpp"
#include "paging/paginator.hpp"
#include "paging_walk.hpp"

#include <apirunner/error.hpp>

#include <catch2/catch.hpp>

#include <functional>

using namespace apirunner;

TEST_CASE("offset paging asks for limit and offset and stops at the total") {
    PagingSpec paging = spec("offset");
    paging.fields.set_text("total", "meta.total_count");
    auto paginator = make_paginator(paging);
    CHECK(walk(*paginator,
               pages({100, 100, 50}, [](int) { return R"("meta":{"total_count":250})"; })) ==
          std::vector<std::string>{"limit=100&offset=0", "limit=100&offset=100",
                                   "limit=100&offset=200"});
}

TEST_CASE("offset paging goes on past a short page mid-stream, by what the page held") {
    PagingSpec paging = spec("offset");
    paging.fields.set_text("total", "meta.total_count");
    auto paginator = make_paginator(paging);
    CHECK(walk(*paginator,
               pages({100, 60, 100, 40}, [](int) { return R"("meta":{"total_count":"300"})"; })) ==
          std::vector<std::string>{"limit=100&offset=0", "limit=100&offset=100",
                                   "limit=100&offset=160", "limit=100&offset=260"});
}

TEST_CASE("without a total, offset paging ends on an empty page") {
    auto paginator = make_paginator(spec("offset"));
    CHECK(walk(*paginator, pages({100, 3}, [](int) { return ""; })).size() == 3);
}

TEST_CASE("a total that changes mid-run is reported as drift") {
    PagingSpec paging = spec("offset");
    paging.fields.set_integer("limit", 10);
    paging.fields.set_text("total", "total");
    auto paginator = make_paginator(paging);
    walk(*paginator,
         pages({10, 10, 5}, [](int i) { return i == 0 ? R"("total":30)" : R"("total":25)"; }));
    CHECK(paginator->totals().first == std::optional<std::int64_t>(30));
    CHECK(paginator->totals().last == std::optional<std::int64_t>(25));
}

TEST_CASE("page paging counts pages from start_page and stops at total_pages") {
    PagingSpec paging = spec("page");
    paging.fields.set_text("limit_param", "per_page");
    paging.fields.set_text("total_pages", "meta.pages");
    auto paginator = make_paginator(paging);
    CHECK(walk(*paginator, pages({100, 100, 7}, [](int) { return R"("meta":{"pages":3})"; })) ==
          std::vector<std::string>{"per_page=100&page=1", "per_page=100&page=2",
                                   "per_page=100&page=3"});
}

TEST_CASE("page paging without totals ends on an empty page, and can start at zero") {
    PagingSpec paging = spec("page");
    paging.fields.set_integer("start_page", 0);
    paging.fields.set_text("limit_param", "");
    auto paginator = make_paginator(paging);
    CHECK(walk(*paginator, pages({5, 5}, [](int) { return ""; })) ==
          std::vector<std::string>{"page=0", "page=1", "page=2"});
}

TEST_CASE("cursor paging sends back each page's cursor and stops when there is none") {
    PagingSpec paging = spec("cursor");
    paging.fields.set_text("cursor", "paging.next");
    paging.fields.set_text("cursor_param", "after");
    auto paginator = make_paginator(paging);
    auto requests = walk(*paginator, pages({100, 100, 100}, [](int i) {
        return i < 2 ? R"("paging":{"next":"c)" + std::to_string(i + 1) + R"("})"
                     : R"("paging":{"next":null})";
    }));
    CHECK(requests ==
          std::vector<std::string>{"limit=100", "limit=100&after=c1", "limit=100&after=c2"});
}

TEST_CASE("a repeated cursor stops the run as a loop") {
    PagingSpec paging = spec("cursor");
    paging.fields.set_text("cursor", "next");
    auto paginator = make_paginator(paging);
    CHECK_THROWS_WITH(walk(*paginator, pages({1, 1, 1}, [](int) { return R"("next":"same")"; })),
                      Catch::Contains("the same cursor twice ('same')"));
}

TEST_CASE("next_url paging follows the body's URL, relative ones resolved") {
    PagingSpec paging = spec("next_url");
    paging.fields.set_text("next", "links.next");
    auto paginator = make_paginator(paging);
    auto requests = walk(*paginator, pages({2, 2, 2}, [](int i) {
        return i == 0   ? R"("links":{"next":"https://api.test/v1/items?page=2"})"
               : i == 1 ? R"("links":{"next":"/v1/items?page=3"})"
                        : R"("links":{"next":""})";
    }));
    CHECK(requests == std::vector<std::string>{"limit=100", "https://api.test/v1/items?page=2",
                                               "https://api.test/v1/items?page=3"});
}

TEST_CASE("next_url paging follows an RFC 8288 Link header") {
    auto paginator = make_paginator(spec("next_url"));
    auto endpoint = [](const PageRequest&, int i) {
        Served served{R"({"data":)" + records(3) + "}", {}};
        if (i < 2) {
            served.headers.emplace_back("Link",
                                        "<https://api.test/v1/items?page=1>; rel=\"first\", "
                                        "<https://api.test/v1/items?page=" +
                                            std::to_string(i + 2) + ">; rel=\"next last\"");
        }
        return served;
    };
    CHECK(walk(*paginator, endpoint) ==
          std::vector<std::string>{"limit=100", "https://api.test/v1/items?page=2",
                                   "https://api.test/v1/items?page=3"});
}

TEST_CASE("a next URL on another host is refused: credentials would follow it") {
    PagingSpec paging = spec("next_url");
    paging.fields.set_text("next", "next");
    auto paginator = make_paginator(paging);
    CHECK_THROWS_WITH(
        walk(*paginator, pages({1, 1}, [](int) { return R"("next":"https://evil.test/steal")"; })),
        Catch::Contains("the next page is on another origin (https://evil.test:443)"));
    // "//host/path" is a URL on that host (RFC 3986), not a path on this one.
    auto relative = make_paginator(paging);
    CHECK_THROWS_WITH(
        walk(*relative, pages({1, 1}, [](int) { return R"("next":"//evil.test/steal")"; })),
        Catch::Contains("the next page is on another origin (https://evil.test:443)"));
}

TEST_CASE("Link headers are parsed by relation, not by position") {
    CHECK(link_next(R"(<https://a/x?p=2>; rel="next")") ==
          std::optional<std::string>("https://a/x?p=2"));
    CHECK(link_next(R"(<https://a/x?p=9>; rel="last", <https://a/x?p=3>; rel=next)") ==
          std::optional<std::string>("https://a/x?p=3"));
    CHECK_FALSE(link_next(R"(<https://a/x?p=1>; rel="prev")"));
    CHECK_FALSE(link_next("garbage"));
}

TEST_CASE("an endpoint that never ends is stopped at max_pages") {
    PagingSpec paging = spec("page");
    paging.fields.set_integer("max_pages", 3);
    auto paginator = make_paginator(paging);
    CHECK_THROWS_WITH(walk(*paginator, pages({1, 1, 1, 1, 1}, [](int) { return ""; })),
                      Catch::Contains("stopped after 3 pages"));
}

TEST_CASE("page parsing refuses what is not a page of records") {
    CHECK_THROWS_WITH(parse_page("<html>oops</html>", JsonPath::parse("data")),
                      Catch::Contains("looks like HTML"));
    CHECK_THROWS_WITH(parse_page("[{\"n\":\"caf\xe9\"}]", JsonPath()),
                      "the page is not valid JSON: it is not UTF-8 (byte 0xE9 at offset 10)");
    CHECK_THROWS_WITH(parse_page("[{\"n\":\"\xed\xa0\x80\"}]", JsonPath()),  // a UTF-16 surrogate
                      "the page is not valid JSON: it is not UTF-8 (byte 0xED at offset 7)");
    CHECK(parse_page("[{\"n\":\"caf\xc3\xa9 \xf0\x9f\x98\x80\"}]", JsonPath()).records.size() == 1);
    CHECK_THROWS_WITH(parse_page(R"({"data":[{"id":1})", JsonPath::parse("data")),
                      Catch::Contains("not valid JSON"));
    CHECK_THROWS_WITH(parse_page(R"({"data":{"id":1}})", JsonPath::parse("data")),
                      "the page has no list of records at 'data'");
    CHECK_THROWS_WITH(parse_page(R"({"data":[1,2]})", JsonPath::parse("data")),
                      "record 1 of the page is not a JSON object");
    CHECK_THROWS_WITH(parse_page(R"([{"id":1}])", JsonPath::parse("data")),
                      "the page is a JSON array where an object with records at 'data' belongs");
    CHECK(parse_page(R"([{"id":1},{"id":2}])", JsonPath()).records.size() == 2);
    // simdjson keeps integers in 64 bits: a longer one fails the page, and the message says why
    CHECK_THROWS_WITH(parse_page(R"([{"id":123456789012345678901234567890}])", JsonPath()),
                      "the page is not valid JSON: Problem while parsing a number");
    CHECK(parse_page(R"([{"id":18446744073709551615,"n":-9223372036854775808}])", JsonPath())
              .records.size() == 1);
}

TEST_CASE("a record keeps its fields in the provider's order") {
    ParsedPage page = parse_page(R"({"data":[{"z":1,"a":"x","m":null}]})", JsonPath::parse("data"));
    CHECK(page.records.at(0).json == R"({"z":1,"a":"x","m":null})");
}

TEST_CASE("a record's JSON is the provider's own text without the spaces between tokens") {
    const std::string body =
        "{ \"meta\" : { \"list\" : [\n  { \"a\" : \"caf\\u00e9  x\" ,\n \"n\" : 2.50 },"
        "\t{\"b\":[ 1 , 2 ]} ] } }";
    ParsedPage page = parse_page(body, JsonPath::parse("meta.list"));
    REQUIRE(page.records.size() == 2);
    CHECK(page.records[0].json == R"({"a":"caf\u00e9  x","n":2.50})");
    CHECK(page.records[1].json == R"({"b":[1,2]})");
    CHECK_THROWS_WITH(parse_page(R"({"data":[{"a":"unclosed}]})", JsonPath::parse("data")),
                      Catch::Contains("not valid JSON"));
}

namespace {

// Walks `before` pages, saves the position, and goes on with a new paginator restored from it,
// as a resumed process would; returns every request of both.
std::vector<std::string> walk_resumed(const PagingSpec& paging, const Endpoint& endpoint,
                                      int before) {
    auto first = make_paginator(paging);
    std::vector<std::string> requests;
    for (int i = 0; i < before; ++i) {
        auto request = first->next();
        REQUIRE(request);
        requests.push_back(describe(*request));
        Served served = endpoint(*request, i);
        ParsedPage page = parse_page(served.body, JsonPath::parse("data"));
        first->accept(Page{page.body, page.records.size(), served.headers, served.url});
    }
    auto second = make_paginator(paging);
    second->restore(first->save());
    const auto shifted = [&](const PageRequest& request, int i) {
        return endpoint(request, i + before);
    };
    for (const auto& request : walk(*second, shifted)) {
        requests.push_back(request);
    }
    return requests;
}

}  // namespace

TEST_CASE("every paginator goes on from a saved position exactly where it stopped") {
    const auto next_cursor = [](int i) {
        return i < 3 ? R"("next":"c)" + std::to_string(i + 1) + R"(","total":40,"pages":4)"
                     : std::string(R"("next":null,"total":40,"pages":4)");
    };
    for (const std::string type : {"offset", "page", "cursor", "next_url"}) {
        PagingSpec paging = spec(type);
        paging.fields.set_integer("limit", 10);
        paging.fields.set_text("total", type == "offset" ? "total" : "");
        paging.fields.set_text("total_pages", type == "page" ? "pages" : "");
        paging.fields.set_text("cursor", "next");
        paging.fields.set_text("next", "next");
        const Endpoint endpoint = pages({10, 10, 10, 10}, next_cursor);
        auto whole = make_paginator(paging);
        const auto uninterrupted = walk(*whole, endpoint);
        for (int before = 1; before <= 3; ++before) {
            INFO(type << " resumed after page " << before);
            CHECK(walk_resumed(paging, endpoint, before) == uninterrupted);
        }
        CHECK(uninterrupted.size() == 4);
    }
}

TEST_CASE("a saved position keeps the totals, and a broken one is refused") {
    PagingSpec paging = spec("offset");
    paging.fields.set_text("total", "total");
    auto first = make_paginator(paging);
    walk(*first, pages({10, 10}, [](int i) { return i == 0 ? R"("total":30)" : R"("total":20)"; }));
    auto second = make_paginator(paging);
    second->restore(first->save());
    CHECK(second->totals().first == std::optional<std::int64_t>(30));
    CHECK(second->totals().last == std::optional<std::int64_t>(20));
    CHECK_THROWS_WITH(second->restore("{\"offset\":\"x\"}"),
                      Catch::StartsWith("the checkpoint's paging position is unreadable"));
}

TEST_CASE("a next URL that is not a URL is refused with what it was (found by the page fuzzer)") {
    PagingSpec paging = spec("next_url");
    paging.fields.set_text("next", "next");
    auto paginator = make_paginator(paging);
    CHECK_THROWS_WITH(
        walk(*paginator,
             pages({1, 1}, [](int) { return R"("next":"/<https:1/item%?page=9);h>")"; })),
        "the provider's next-page URL is not a URL: '/<https:1/item%?page=9);h>'");
}

namespace {

// The requests `ahead(n)` plans after the paginator accepted one page of `count` records
// whose body says `extra`.
std::vector<std::string> planned_after(Paginator& paginator, std::size_t count,
                                       const std::string& extra, std::size_t n) {
    REQUIRE(paginator.next());
    ParsedPage page =
        parse_page(R"({"data":)" + records(count) + "," + extra + "}", JsonPath::parse("data"));
    paginator.accept(Page{page.body, page.records.size(), {}, "https://api.test/v1/items"});
    std::vector<std::string> planned;
    for (const auto& request : paginator.ahead(n)) {
        planned.push_back(describe(request));
    }
    return planned;
}

}  // namespace

TEST_CASE(
    "offset paging plans the pages ahead once the total is known, at the size the server gave") {
    PagingSpec spec = paging_spec("offset");
    spec.fields.set_integer("limit", 10);
    spec.fields.set_text("total", "total");
    auto before = make_paginator(spec);
    CHECK(before->ahead(4).size() == 1);  // no total yet: the first page alone
    CHECK(
        planned_after(*before, 10, R"("total":35)", 8) ==
        std::vector<std::string>{"limit=10&offset=10", "limit=10&offset=20", "limit=10&offset=30"});
    auto capped = make_paginator(spec);  // asked for 10, the server gives 4
    CHECK(planned_after(*capped, 4, R"("total":12)", 8) ==
          std::vector<std::string>{"limit=10&offset=4", "limit=10&offset=8"});
    spec.fields.set_text("total", "");
    auto unknown = make_paginator(spec);
    CHECK(planned_after(*unknown, 10, R"("x":1)", 8) ==
          std::vector<std::string>{"limit=10&offset=10"});
}

TEST_CASE(
    "page paging plans up to total_pages, or up to the total in full pages, and never past "
    "max_pages") {
    PagingSpec spec = paging_spec("page");
    spec.fields.set_integer("limit", 10);
    spec.fields.set_text("total_pages", "pages");
    auto by_pages = make_paginator(spec);
    CHECK(planned_after(*by_pages, 10, R"("pages":3)", 8) ==
          std::vector<std::string>{"limit=10&page=2", "limit=10&page=3"});
    spec.fields.set_text("total_pages", "");
    spec.fields.set_text("total", "total");
    spec.fields.set_integer("max_pages", 3);
    auto by_total = make_paginator(spec);
    CHECK(planned_after(*by_total, 10, R"("total":100)", 8) ==
          std::vector<std::string>{"limit=10&page=2", "limit=10&page=3"});
}

TEST_CASE("offset paging reads the total from a response header, any case, when told to") {
    PagingSpec paging = spec("offset");
    paging.fields.set_text("total_header", "X-Total-Count");
    auto paginator = make_paginator(paging);
    auto endpoint = [](const PageRequest&, int i) {
        Served served{R"({"data":)" + records(i < 2 ? 100 : 50, i * 1000) + "}", {}};
        served.headers.emplace_back("x-total-count", "250");
        return served;
    };
    CHECK(walk(*paginator, endpoint).size() == 3);  // no request past the total
    CHECK(paginator->totals().last == std::optional<std::int64_t>(250));
    CHECK(header_count({{"X-Total-Count", " 7 "}}, "x-total-count") ==
          std::optional<std::int64_t>(7));
    CHECK_FALSE(header_count({{"X-Total-Count", "-7"}}, "X-Total-Count"));
    CHECK_FALSE(header_count({{"X-Total-Count", "many"}}, "X-Total-Count"));
    CHECK_FALSE(header_count({{"X-Total-Count", "7"}}, ""));
}

TEST_CASE("a walk ended where it stands (end_on_status) asks for nothing more, and resumes so") {
    auto paginator = make_paginator(spec("page"));
    REQUIRE(paginator->next());
    paginator->end_walk();
    CHECK_FALSE(paginator->next());
    auto resumed = make_paginator(spec("page"));
    resumed->restore(paginator->save());
    CHECK_FALSE(resumed->next());
}
