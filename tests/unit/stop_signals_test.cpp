// has_more and last_page, and the rule that a walk never ends quietly while a page says more
// follow: for every paging kind.
#include "paging_walk.hpp"

#include <apirunner/error.hpp>

#include <catch2/catch.hpp>

namespace {

// The walk fails as bad data (exit 65) with a message holding `text`.
void fails_partial(Paginator& paginator, const Endpoint& endpoint, const std::string& text) {
    try {
        walk(paginator, endpoint);
        FAIL("the walk ended without an error");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::bad_data);
        CHECK_THAT(error.what(), Catch::Contains(text));
    }
}

std::string flag(const char* name, bool value) {
    return std::string("\"") + name + "\":" + (value ? "true" : "false");
}

}  // namespace

TEST_CASE("Stripe: the cursor is the last record's id, and has_more ends the walk") {
    PagingSpec paging = spec("cursor");
    paging.fields.set_text("cursor", "data[-1].id");
    paging.fields.set_text("cursor_param", "starting_after");
    paging.fields.set_text("has_more", "has_more");
    auto paginator = make_paginator(paging);
    // The last page is full and has a last id, yet has_more says it is the end.
    CHECK(walk(*paginator, pages({100, 100, 100}, [](int i) { return flag("has_more", i < 2); })) ==
          std::vector<std::string>{"limit=100", "limit=100&starting_after=99",
                                   "limit=100&starting_after=1099"});
}

TEST_CASE("cursor: a page that says more follow without a cursor fails, naming both paths") {
    PagingSpec paging = spec("cursor");
    paging.fields.set_text("cursor", "data[-1].id");
    paging.fields.set_text("has_more", "has_more");
    auto paginator = make_paginator(paging);
    // An empty page has no last record to take a cursor from.
    fails_partial(*paginator, pages({100, 0}, [](int) { return flag("has_more", true); }),
                  "page 2 of /v1/items says more follow ('has_more' is true) but has no cursor at "
                  "'data[-1].id'");
}

TEST_CASE("cursor: last_page ends the walk though a cursor came (Zendesk's end_of_stream)") {
    PagingSpec paging = spec("cursor");
    paging.fields.set_text("cursor", "after_cursor");
    paging.fields.set_text("last_page", "end_of_stream");
    auto paginator = make_paginator(paging);
    CHECK(walk(*paginator, pages({100, 100}, [](int i) {
              return R"("after_cursor":"c)" + std::to_string(i) + "\"," +
                     flag("end_of_stream", i == 1);
          })).size() == 2);
}

TEST_CASE("cursor: a page without the configured flag fails rather than guess") {
    PagingSpec paging = spec("cursor");
    paging.fields.set_text("cursor", "next");
    paging.fields.set_text("has_more", "meta.has_more");
    auto paginator = make_paginator(paging);
    fails_partial(*paginator,
                  pages({100, 100},
                        [](int i) {
                            return i == 0 ? R"("next":"c1","meta":{"has_more":true})"
                                          : R"("next":"c2","meta":{"has_more":"yes"})";
                        }),
                  "page 2 has no true or false at 'meta.has_more' (paging.has_more)");
}

TEST_CASE("cursor: a full first page with nothing at the cursor's path fails: the path is wrong") {
    PagingSpec paging = spec("cursor");
    paging.fields.set_text("cursor", "meta.next");
    auto paginator = make_paginator(paging);
    fails_partial(*paginator, pages({100}, [](int) { return R"("paging":{"next":"c1"})"; }),
                  "page 1 of /v1/items is full (100 records) but has nothing at 'meta.next'");
}

TEST_CASE("cursor: a full page whose cursor is null, or a short one without it, ends the walk") {
    PagingSpec paging = spec("cursor");
    paging.fields.set_text("cursor", "meta.next");
    auto ends_on_null = make_paginator(paging);
    CHECK(walk(*ends_on_null, pages({100}, [](int) { return R"("meta":{"next":null})"; })).size() ==
          1);
    auto ends_short = make_paginator(paging);
    CHECK(walk(*ends_short, pages({99}, [](int) { return ""; })).size() == 1);
    paging.fields.set_text("limit_param", "");  // no page size asked: no page is "full"
    auto unsized = make_paginator(paging);
    CHECK(walk(*unsized, pages({100}, [](int) { return ""; })).size() == 1);
}

TEST_CASE("Graph: a key with dots goes in brackets, and the last page may leave it out") {
    PagingSpec paging = spec("next_url");
    paging.fields.set_text("next", R"(["@odata.nextLink"])");
    auto paginator = make_paginator(paging);
    // The last page is full too, but the walk has found the key before: the end, not a mistake.
    CHECK(walk(*paginator, pages({100, 100}, [](int i) {
              return i == 0 ? R"("@odata.nextLink":"https://api.test/v1/items?$skiptoken=x")" : "";
          })).size() == 2);
}

TEST_CASE("Graph: the key written as a dot path fails on page 1, saying how to write it") {
    PagingSpec paging = spec("next_url");
    paging.fields.set_text("next", "@odata.nextLink");
    auto paginator = make_paginator(paging);
    fails_partial(
        *paginator,
        pages({100},
              [](int) { return R"("@odata.nextLink":"https://api.test/v1/items?$skiptoken=x")"; }),
        R"(The page has a key '@odata.nextLink': a key with dots goes in brackets and )"
        R"(quotes, ["@odata.nextLink"])");
}

TEST_CASE("next_url: more follow with no Link header to go on by fails") {
    PagingSpec paging = spec("next_url");
    paging.fields.set_text("has_more", "has_more");
    auto paginator = make_paginator(paging);
    fails_partial(
        *paginator, pages({5}, [](int) { return flag("has_more", true); }),
        "page 1 of /v1/items says more follow ('has_more' is true) but has no next-page URL in a "
        "Link header");
}

TEST_CASE("Jira: offset paging ends as isLast says, before any empty page") {
    PagingSpec paging = spec("offset");
    paging.fields.set_text("offset_param", "startAt");
    paging.fields.set_text("limit_param", "maxResults");
    paging.fields.set_text("last_page", "isLast");
    auto paginator = make_paginator(paging);
    CHECK(walk(*paginator, pages({100, 100, 100}, [](int i) { return flag("isLast", i == 2); })) ==
          std::vector<std::string>{"maxResults=100&startAt=0", "maxResults=100&startAt=100",
                                   "maxResults=100&startAt=200"});
}

TEST_CASE("offset and page: an empty page that says more follow fails") {
    for (const char* kind : {"offset", "page"}) {
        INFO(kind);
        PagingSpec paging = spec(kind);
        paging.fields.set_text("has_more", "more");
        auto paginator = make_paginator(paging);
        fails_partial(*paginator, pages({100, 0}, [](int) { return flag("more", true); }),
                      "page 2 of /v1/items is empty but says more follow ('more' is true)");
    }
}

TEST_CASE("page: has_more false ends the walk on a full page") {
    PagingSpec paging = spec("page");
    paging.fields.set_text("has_more", "more");
    auto paginator = make_paginator(paging);
    CHECK(walk(*paginator, pages({100, 100}, [](int i) { return flag("more", i == 0); })).size() ==
          2);
}

TEST_CASE("none: a single page that says more follow fails, and one that says no more is the end") {
    PagingSpec paging = spec("none");
    paging.fields.set_text("has_more", "has_more");
    auto says_more = make_paginator(paging);
    fails_partial(
        *says_more, pages({10}, [](int) { return flag("has_more", true); }),
        "page 1 of /v1/items says more follow ('has_more' is true) but the job has no paging");
    auto says_end = make_paginator(paging);
    CHECK(walk(*says_end, pages({10}, [](int) { return flag("has_more", false); })).size() == 1);
}

TEST_CASE("a saved position goes on under has_more exactly where it stopped") {
    PagingSpec paging = spec("cursor");
    paging.fields.set_text("cursor", "data[-1].id");
    paging.fields.set_text("has_more", "has_more");
    auto endpoint = pages({100, 100, 100}, [](int i) { return flag("has_more", i < 2); });
    auto first = make_paginator(paging);
    auto request = first->next();
    Served served = endpoint(*request, 0);
    ParsedPage page = parse_page(served.body, JsonPath::parse("data"));
    first->accept(Page{page.body, page.records.size(), served.headers, served.url});
    auto resumed = make_paginator(paging);
    resumed->restore(first->save());
    CHECK(describe(*resumed->next()) == "limit=100&cursor=99");
}

TEST_CASE("cursor: an empty page with a new cursor is followed (Google), one pointing back ends") {
    PagingSpec paging = spec("cursor");
    paging.fields.set_text("cursor", "next");
    // Page 2 is empty mid-list with a token; page 4 is empty and points back to page 3's token.
    const auto endpoint = pages({100, 0, 40, 0}, [](int i) {
        return std::string(R"("next":")") + (i == 3 ? "t2" : "t" + std::to_string(i)) + "\"";
    });
    auto paginator = make_paginator(paging);
    CHECK(walk(*paginator, endpoint) == std::vector<std::string>{"limit=100", "limit=100&cursor=t0",
                                                                 "limit=100&cursor=t1",
                                                                 "limit=100&cursor=t2"});
    // A walk resumed after page 3 still knows t2: page 4 ends it, not a loop error.
    auto resumed = make_paginator(paging);
    auto first = make_paginator(paging);
    int served = 0;
    while (served < 3 && first->next()) {
        const Served page = endpoint(PageRequest{}, served++);
        ParsedPage parsed = parse_page(page.body, JsonPath::parse("data"));
        first->accept(Page{parsed.body, parsed.records.size(), page.headers, page.url});
    }
    resumed->restore(first->save());
    REQUIRE(resumed->next());
    const Served last = endpoint(PageRequest{}, 3);
    ParsedPage parsed = parse_page(last.body, JsonPath::parse("data"));
    resumed->accept(Page{parsed.body, parsed.records.size(), last.headers, last.url});
    CHECK_FALSE(resumed->next());
}

TEST_CASE("cursor: five empty pages in a row end the walk, though each brings a new cursor") {
    PagingSpec paging = spec("cursor");
    paging.fields.set_text("cursor", "next");
    auto paginator = make_paginator(paging);
    CHECK(walk(*paginator, pages({100}, [](int i) {
              return R"("next":"fresh-)" + std::to_string(i) + "\"";
          })).size() == 1 + 5);
}
