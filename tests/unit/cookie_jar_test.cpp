#include "http/cookie_jar.hpp"

#include <catch2/catch.hpp>

using namespace apirunner;

TEST_CASE("a cookie goes back to its host and path") {
    CookieJar jar;
    jar.store(Poco::URI("http://127.0.0.1:1/mediamath/api/v2.0/session"),
              {"adama_session=abc; Path=/; HttpOnly"});
    CHECK(jar.header_for(Poco::URI("http://127.0.0.1:1/mediamath/api/v3.0/x"), "") ==
          "adama_session=abc");
    CHECK(jar.header_for(Poco::URI("http://127.0.0.2:1/mediamath"), "").empty());
    CHECK(jar.value(Poco::URI("http://127.0.0.1:1/"), "adama_session") ==
          std::optional<std::string>("abc"));
}

TEST_CASE("the default path is the folder of the request") {
    CookieJar jar;
    jar.store(Poco::URI("https://sso.test/login/process"), {"s=1"});
    CHECK(jar.header_for(Poco::URI("https://sso.test/login/other"), "") == "s=1");
    CHECK(jar.header_for(Poco::URI("https://sso.test/api"), "").empty());
}

TEST_CASE("a domain cookie reaches subdomains, a host-only one does not") {
    CookieJar jar;
    jar.store(Poco::URI("https://sso.openx.test/"),
              {"openx3_access_token=t; Domain=.openx.test; Path=/"});
    jar.store(Poco::URI("https://sso.openx.test/"), {"host_only=h; Path=/"});
    CHECK(jar.header_for(Poco::URI("https://api.openx.test/x"), "") == "openx3_access_token=t");
    CHECK(jar.header_for(Poco::URI("https://evilopenx.test/x"), "").empty());
}

TEST_CASE("a new value replaces the old, Max-Age=0 deletes, secure cookies stay on https") {
    CookieJar jar;
    const Poco::URI site("https://a.test/");
    jar.store(site, {"k=1; Path=/", "sec=s; Path=/; Secure"});
    jar.store(site, {"k=2; Path=/"});
    CHECK(jar.header_for(site, "") == "k=2; sec=s");
    CHECK(jar.header_for(Poco::URI("http://a.test/"), "") == "k=2");
    jar.store(site, {"k=gone; Path=/; Max-Age=0"});
    CHECK(jar.header_for(site, "") == "sec=s");
}

TEST_CASE("a cookie the request already carries is not sent twice") {
    CookieJar jar;
    jar.store(Poco::URI("http://h.test/"), {"adama_session=jar; Path=/", "other=o; Path=/"});
    CHECK(jar.header_for(Poco::URI("http://h.test/"), "adama_session=mine") ==
          "adama_session=mine; other=o");
}
