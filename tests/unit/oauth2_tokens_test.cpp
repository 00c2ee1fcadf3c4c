#include <apirunner/error.hpp>
#include <apirunner/oauth2.hpp>

#include <catch2/catch.hpp>

using namespace apirunner;
using namespace apirunner::oauth2;

namespace {

HttpResponse answer(int status, const std::string& body) {
    HttpResponse response;
    response.status = status;
    response.body = body;
    return response;
}

Tokens parse(int status, const std::string& body) {
    return parse_token_response(answer(status, body), 3600, "p", "the password grant");
}

ErrorKind kind_of(int status, const std::string& body) {
    try {
        parse(status, body);
    } catch (const Error& error) {
        return error.kind();
    }
    FAIL("no error for " << body);
    return ErrorKind::config;
}

}  // namespace

TEST_CASE("a token response is read field by field") {
    Tokens tokens = parse(
        200,
        R"({"access_token":"a","refresh_token":"r","expires_in":86400,"token_type":"Bearer","scope":"s"})");
    CHECK(tokens.access_token == "a");
    CHECK(tokens.refresh_token == "r");
    CHECK(tokens.lifetime_s == 86400);
    CHECK(tokens.token_type == "bearer");
    CHECK(tokens.scope == "s");
}

TEST_CASE("expires_in: absent or null means the default, a numeric string is accepted") {
    CHECK(parse(200, R"({"access_token":"a"})").lifetime_s == 3600);
    CHECK(parse(200, R"({"access_token":"a","expires_in":null})").lifetime_s == 3600);
    CHECK(parse(200, R"({"access_token":"a","expires_in":"7200"})").lifetime_s == 7200);
    CHECK(parse(200, R"({"access_token":"a","expires_in":3599.9})").lifetime_s == 3599);
}

TEST_CASE("expires_in of zero or less gets a floor, never a refresh storm") {
    CHECK(parse(200, R"({"access_token":"a","expires_in":0})").lifetime_s == 60);
    CHECK(parse(200, R"({"access_token":"a","expires_in":-5})").lifetime_s == 60);
}

TEST_CASE("a short but positive expires_in is taken as it is") {
    CHECK(parse(200, R"({"access_token":"a","expires_in":2})").lifetime_s == 2);
    CHECK(parse(200, R"({"access_token":"a","expires_in":0.4})").lifetime_s == 1);
}

TEST_CASE("expires_in that is not a number is refused") {
    CHECK(kind_of(200, R"({"access_token":"a","expires_in":false})") == ErrorKind::bad_data);
    CHECK(kind_of(200, R"({"access_token":"a","expires_in":{}})") == ErrorKind::bad_data);
    CHECK(kind_of(200, R"({"access_token":"a","expires_in":"soon"})") == ErrorKind::bad_data);
}

TEST_CASE("a 200 carrying an error is a failure") {
    CHECK(kind_of(200, R"({"error":"invalid_grant"})") == ErrorKind::credentials);
}

TEST_CASE("RFC 6749 5.2 errors map to credentials, configuration or unavailable") {
    CHECK(kind_of(400,
                  R"({"error":"invalid_grant","error_description":"Wrong email or password."})") ==
          ErrorKind::credentials);
    CHECK(kind_of(401, R"({"error":"invalid_client"})") == ErrorKind::credentials);
    CHECK(kind_of(400, R"({"error":"unsupported_grant_type"})") == ErrorKind::config);
    CHECK(kind_of(400, R"({"error":"invalid_scope"})") == ErrorKind::config);
    CHECK(kind_of(503, R"({"error":"temporarily_unavailable"})") == ErrorKind::unavailable);
    CHECK(kind_of(502, "<html>bad gateway</html>") == ErrorKind::unavailable);
    CHECK(kind_of(401, "") == ErrorKind::credentials);
}

TEST_CASE("the error message gives the provider, the request, the code and the description") {
    try {
        parse(
            401,
            R"({"error":"invalid_client","error_description":"Unauthorized grant type: password"})");
    } catch (const Error& error) {
        CHECK(std::string(error.what()) ==
              "provider 'p': the password grant was refused: invalid_client (Unauthorized grant "
              "type: password)");
    }
}

TEST_CASE("answers that are not token responses are bad data") {
    CHECK(kind_of(200, "<html>login</html>") == ErrorKind::bad_data);
    CHECK(kind_of(200, R"(["access_token"])") == ErrorKind::bad_data);
    CHECK(kind_of(200, R"({"token_type":"bearer"})") == ErrorKind::bad_data);
    CHECK(kind_of(200, R"({"access_token":123})") == ErrorKind::bad_data);
    CHECK(kind_of(200, R"({"access_token":"a","token_type":"mac"})") == ErrorKind::bad_data);
    CHECK(kind_of(200, R"({"access_token":"a","n":123456789012345678901234567890})") ==
          ErrorKind::bad_data);
}

TEST_CASE("a UTF-8 byte order mark is tolerated and unknown fields ignored") {
    CHECK(parse(200, "\xEF\xBB\xBF{\"access_token\":\"a\",\"id_token\":\"x\",\"extra\":[1]}")
              .access_token == "a");
}

TEST_CASE("refresh early: max(60 s, 10 %) of the lifetime, at most half of it") {
    CHECK(refresh_margin_ms(86400) == 8'640'000);
    CHECK(refresh_margin_ms(3600) == 360'000);
    CHECK(refresh_margin_ms(300) == 60'000);
    CHECK(refresh_margin_ms(2) == 1'000);
}

TEST_CASE("Basic client authentication: raw by default, form-encoded on request") {
    CHECK(basic_authorization("MyClientId", "MyClientSecret", false) ==
          "Basic TXlDbGllbnRJZDpNeUNsaWVudFNlY3JldA==");
    // id "a b", secret ":%+=/" : raw is "a b::%+=/", form-encoded "a%20b:%3A%25%2B%3D%2F".
    CHECK(basic_authorization("a b", ":%+=/", false) == "Basic YSBiOjolKz0v");
    CHECK(basic_authorization("a b", ":%+=/", true) == "Basic YSUyMGI6JTNBJTI1JTJCJTNEJTJG");
}
