#include "extract/offset_paginator.hpp"
#include "extract/page_parser.hpp"

#include <apirunner/error.hpp>

#include <catch2/catch.hpp>

using namespace apirunner;

namespace {

PagingSpec spec(std::int64_t limit) {
    PagingSpec paging;
    paging.type = "offset";
    paging.limit = limit;
    paging.limit_param = "page_limit";
    paging.offset_param = "page_offset";
    paging.records = "data";
    paging.total = "meta.total_count";
    return paging;
}

std::string page_json(std::size_t count, const std::string& total) {
    std::string data;
    for (std::size_t i = 0; i < count; ++i) {
        data += (i ? "," : "") + std::string("{\"id\":") + std::to_string(i) + "}";
    }
    return R"({"data":[)" + data + R"(],"meta":{"total_count":)" + total + "}}";
}

// Feeds pages of the given sizes; returns the offsets asked for.
std::vector<std::string> walk(Paginator& paginator, const std::vector<std::size_t>& sizes,
                              const std::string& total) {
    std::vector<std::string> offsets;
    for (std::size_t size : sizes) {
        auto params = paginator.next();
        if (!params) {
            break;
        }
        offsets.push_back(params->at(1).second);
        ParsedPage page = parse_page(page_json(size, total), "data");
        paginator.accept(Page{page.body, page.records.size()});
    }
    return offsets;
}

}  // namespace

TEST_CASE("offset paging asks for limit and offset and stops at the total") {
    OffsetPaginator paginator(spec(100));
    auto first = paginator.next();
    REQUIRE(first);
    CHECK(*first == QueryParams{{"page_limit", "100"}, {"page_offset", "0"}});
    CHECK(walk(paginator, {100, 100, 50}, "250") == std::vector<std::string>{"0", "100", "200"});
    CHECK_FALSE(paginator.next());
}

TEST_CASE("a short page mid-stream does not stop the walk, the offset moves by what came") {
    OffsetPaginator paginator(spec(100));
    CHECK(walk(paginator, {100, 60, 100, 40}, "300") == std::vector<std::string>{"0", "100", "160", "260"});
    CHECK_FALSE(paginator.next());
}

TEST_CASE("an empty page stops the walk even when the total says more") {
    OffsetPaginator paginator(spec(10));
    CHECK(walk(paginator, {10, 0, 10}, "100") == std::vector<std::string>{"0", "10"});
    CHECK_FALSE(paginator.next());
}

TEST_CASE("without a total the walk goes on until an empty page") {
    OffsetPaginator paginator(spec(10));
    CHECK(walk(paginator, {10, 3, 0, 10}, "null") == std::vector<std::string>{"0", "10", "13"});
    CHECK_FALSE(paginator.next());
}

TEST_CASE("a total given as a string is read as a number") {
    OffsetPaginator paginator(spec(10));
    CHECK(walk(paginator, {10, 10, 10}, "\"20\"") == std::vector<std::string>{"0", "10"});
}

TEST_CASE("a total that changes mid-run is reported as drift") {
    OffsetPaginator paginator(spec(10));
    paginator.next();
    ParsedPage first = parse_page(page_json(10, "30"), "data");
    paginator.accept(Page{first.body, 10});
    paginator.next();
    ParsedPage second = parse_page(page_json(10, "25"), "data");
    paginator.accept(Page{second.body, 10});
    CHECK(paginator.drift() == "the total changed during the run, from 30 to 25");
}

TEST_CASE("an endpoint that never ends is stopped at max_pages") {
    PagingSpec paging = spec(1);
    paging.max_pages = 3;
    paging.total = "";
    OffsetPaginator paginator(paging);
    walk(paginator, {1, 1, 1}, "0");
    CHECK_THROWS_AS(paginator.next(), Error);
}

TEST_CASE("page parsing refuses what is not a page of records") {
    CHECK_THROWS_WITH(parse_page("<html>oops</html>", "data"), Catch::Contains("looks like HTML"));
    CHECK_THROWS_WITH(parse_page(R"({"data":[{"id":1})", "data"), Catch::Contains("not valid JSON"));
    CHECK_THROWS_WITH(parse_page(R"({"data":{"id":1}})", "data"), "the page has no list of records at 'data'");
    CHECK_THROWS_WITH(parse_page(R"({"data":[1,2]})", "data"), "record 1 of the page is not a JSON object");
    CHECK(parse_page(R"([{"id":1},{"id":2}])", "").records.size() == 2);
}

TEST_CASE("a record keeps its fields in the provider's order") {
    ParsedPage page = parse_page(R"({"data":[{"z":1,"a":"x","m":null}]})", "data");
    CHECK(page.records.at(0).json == R"({"z":1,"a":"x","m":null})");
}
