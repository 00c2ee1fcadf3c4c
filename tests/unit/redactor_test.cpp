#include "log/redactor.hpp"

#include <catch2/catch.hpp>

using namespace apirunner;

TEST_CASE("known secret values are masked wherever they appear, encoded or not") {
    Redactor redactor;
    redactor.add_secret("SENTINEL-p@ss word");
    CHECK(redactor.redact("login failed for SENTINEL-p@ss word") == "login failed for ***");
    CHECK(redactor.redact("body: x=SENTINEL-p%40ss%20word&y=1") == "body: x=***&y=1");
}

TEST_CASE("secret headers are masked by name") {
    Redactor redactor;
    CHECK(redactor.redact("Authorization: Bearer abc.def") == "Authorization: ***");
    CHECK(redactor.redact("sent Cookie: adama_session=xyz; other=1") == "sent Cookie: ***");
    CHECK(redactor.redact("Set-Cookie: a=b; Path=/\nnext line") == "Set-Cookie: ***\nnext line");
}

TEST_CASE("secret query and form parameters are masked by name") {
    Redactor redactor;
    CHECK(redactor.redact("GET /cb?code=abc123&state=ok") == "GET /cb?code=***&state=ok");
    CHECK(redactor.redact("grant_type=password&password=hunter2&client_secret=s3") ==
          "grant_type=password&password=***&client_secret=***");
    CHECK(redactor.redact("cookie adama_session=zzz") == "cookie adama_session=***");
    CHECK(redactor.redact("GET /login/complete?oauth_token=rq1&x=1") ==
          "GET /login/complete?oauth_token=***&x=1");
}

TEST_CASE("secret JSON fields are masked by name") {
    Redactor redactor;
    CHECK(redactor.redact(R"({"access_token":"eyJ0e\"x","expires_in":3600})") ==
          R"({"access_token":"***","expires_in":3600})");
    CHECK(redactor.redact(R"({"refresh_token": "r1", "password":"p"})") ==
          R"({"refresh_token": "***", "password":"***"})");
}

TEST_CASE("a provider's error code in a JSON body stays readable, an authorization code does not") {
    Redactor redactor;
    CHECK(redactor.redact(R"({"object":"error","status":400,"code":"missing_version"})") ==
          R"({"object":"error","status":400,"code":"missing_version"})");
    CHECK(redactor.redact("GET /cb?code=abc123&state=ok") == "GET /cb?code=***&state=ok");
    redactor.add_secret("SENTINEL-auth-code");  // the SDK registers a code it exchanges
    CHECK(redactor.redact(R"({"code":"SENTINEL-auth-code"})") == R"({"code":"***"})");
}

TEST_CASE("short values are not masked everywhere, and ordinary text is left alone") {
    Redactor redactor;
    redactor.add_secret("abc");
    CHECK(redactor.redact("abcdef tokenizer codes") == "abcdef tokenizer codes");
}

TEST_CASE("a header's name tells whether its value is a secret") {
    for (const char* secret : {"Authorization", "X-API-Key", "Api-Token", "X-Client-Secret",
                               "Cookie", "X-Session-Id", "x-amz-signature", "Private-Token"}) {
        INFO(secret);
        CHECK(names_a_secret(secret));
    }
    for (const char* plain : {"Notion-Version", "Accept", "X-Shopify-Api-Version", "User-Agent",
                              "X-Auth-Scope", "X-Keyboard-Layout"}) {
        INFO(plain);
        CHECK_FALSE(names_a_secret(plain));
    }
}
