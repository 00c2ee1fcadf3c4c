// Where a redirect may take a request (http/redirect): credentials and bodies stay with the
// origin the request was made for.
#include "http/redirect.hpp"

#include <apirunner/error.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace apirunner;

namespace {

const Poco::URI k_api("http://127.0.0.1:8765/api/v1/items");

HttpRequest stamped(const std::string& method = "GET", const std::string& body = "") {
    HttpRequest request;
    request.method = method;
    request.url = k_api.toString();
    request.body = body;
    request.set_header("Accept", "application/json");
    request.set_header("Authorization", "Bearer SENTINEL-token");
    request.set_header("X-API-Key", "SENTINEL-key");
    request.set_header("Ocp-Apim-Subscription-Key", "SENTINEL-subscription");
    request.set_header("Cookie", "session=SENTINEL-cookie");
    if (!body.empty()) {
        request.set_header("Content-Type", "application/x-www-form-urlencoded");
    }
    return request;
}

std::vector<std::string> header_names(const HttpRequest& request) {
    std::vector<std::string> names;
    for (const auto& header : request.headers) {
        names.push_back(header.first);
    }
    return names;
}

std::string refusal(const HttpRequest& request, int status, const std::string& location,
                    bool allow_other_origins = false) {
    try {
        follow_redirect(request, k_api, status, location,
                        {"http://127.0.0.1:8765", allow_other_origins});
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::bad_data);
        return error.what();
    }
    return "";
}

}  // namespace

TEST_CASE("redirect: on the same origin the request goes on whole") {
    const Redirect next =
        follow_redirect(stamped(), k_api, 302, "/api/v1/items?page=2", {"http://127.0.0.1:8765"});
    CHECK(next.request.url == "http://127.0.0.1:8765/api/v1/items?page=2");
    CHECK(header_names(next.request).size() == 5);
    // A 307 keeps the method and the body; a 303, and a 301/302 of a POST, become a bodiless GET.
    const auto kept =
        follow_redirect(stamped("POST", "a=1"), k_api, 307, "/token", {"http://127.0.0.1:8765"});
    CHECK(kept.request.method == "POST");
    CHECK(kept.request.body == "a=1");
    for (int status : {301, 302, 303}) {
        const auto got = follow_redirect(stamped("POST", "a=1"), k_api, status, "/done",
                                         {"http://127.0.0.1:8765"});
        CHECK(got.request.method == "GET");
        CHECK(got.request.body.empty());
        const auto names = header_names(got.request);
        CHECK(std::count(names.begin(), names.end(), "Content-Type") == 0);
    }
}

TEST_CASE("redirect: another port, host or scheme is another origin, refused by default") {
    for (const char* location : {"http://127.0.0.1:9999/x", "http://localhost:8765/x",
                                 "https://127.0.0.1:8765/x", "//127.0.0.2:8765/x"}) {
        INFO(location);
        CHECK_THAT(refusal(stamped(), 302, location),
                   Catch::StartsWith("refused a redirect to another origin") &&
                       Catch::EndsWith("credentials stay with http://127.0.0.1:8765"));
    }
    CHECK(refusal(stamped(), 302, "HTTP://127.0.0.1:8765/x").empty());  // case does not matter
    const Poco::URI secure("https://api.example.com/v1");
    CHECK_THROWS_WITH(follow_redirect(stamped(), secure, 302, "http://api.example.com/v1",
                                      {"https://api.example.com:443"}),
                      "refused a redirect from https to http");
}

TEST_CASE("redirect: allowed to another origin, no credential of any kind and never a body") {
    const auto next = follow_redirect(stamped(), k_api, 302, "http://127.0.0.1:9999/x",
                                      {"http://127.0.0.1:8765", true});
    CHECK(header_names(next.request) == std::vector<std::string>{"Accept"});
    // A token request's 307/308 elsewhere would hand over the password and the client secret.
    for (int status : {307, 308}) {
        CHECK_THAT(refusal(stamped("POST", "password=SENTINEL-pw"), status,
                           "http://127.0.0.1:9999/token", true),
                   Catch::Contains("the request's body would go with it"));
    }
    // A 303 turns it into a GET without the body: followed, without credentials.
    const auto get = follow_redirect(stamped("POST", "password=SENTINEL-pw"), k_api, 303,
                                     "http://127.0.0.1:9999/x", {"http://127.0.0.1:8765", true});
    CHECK(get.request.body.empty());
    CHECK(header_names(get.request) == std::vector<std::string>{"Accept"});
}
