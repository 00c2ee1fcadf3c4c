#include "http/poco_http_client.hpp"

#include <apirunner/error.hpp>

#include <catch2/catch.hpp>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/URI.h>

#include <functional>
#include <map>
#include <sstream>

using namespace apirunner;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

namespace {

using Handler = std::function<void(HTTPServerRequest&, HTTPServerResponse&)>;

// A loopback server whose answers each test writes as lambdas, keyed by path.
class TestServer {
  public:
    explicit TestServer(std::map<std::string, Handler> routes) : m_routes(std::move(routes)) {
        Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
        m_server = std::make_unique<Poco::Net::HTTPServer>(new Factory(m_routes), socket,
                                                           new Poco::Net::HTTPServerParams);
        m_server->start();
    }
    ~TestServer() { m_server->stopAll(true); }
    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(m_server->port()) + path;
    }

  private:
    struct Route : Poco::Net::HTTPRequestHandler {
        explicit Route(const std::map<std::string, Handler>& routes) : routes(routes) {}
        void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
            routes.at(Poco::URI(request.getURI()).getPath())(request, response);
        }
        const std::map<std::string, Handler>& routes;
    };
    struct Factory : Poco::Net::HTTPRequestHandlerFactory {
        explicit Factory(const std::map<std::string, Handler>& routes) : routes(routes) {}
        Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
            return new Route(routes);
        }
        const std::map<std::string, Handler>& routes;
    };
    std::map<std::string, Handler> m_routes;
    std::unique_ptr<Poco::Net::HTTPServer> m_server;
};

class NullLogger : public Logger {
  public:
    void log(LogLevel, const std::string&) override {}
    void add_secret(const std::string&) override {}
};

void reply(HTTPServerResponse& response, int status, const std::string& body) {
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.send() << body;
}

std::string body_of(HTTPServerRequest& request) {
    std::ostringstream text;
    text << request.stream().rdbuf();
    return text.str();
}

// Reads the request body first, as real servers do, so the connection stays usable.
void redirect(HTTPServerRequest& request, HTTPServerResponse& response, int status,
              const std::string& location) {
    body_of(request);
    response.set("Location", location);
    reply(response, status, "");
}

HttpRequest get(const std::string& url) {
    HttpRequest request;
    request.url = url;
    return request;
}

ErrorKind failure_of(PocoHttpClient& client, const HttpRequest& request, std::string& message) {
    try {
        client.send(request);
    } catch (const Error& error) {
        message = error.what();
        return error.kind();
    }
    FAIL("no error");
    return ErrorKind::config;
}

}  // namespace

TEST_CASE("a kept-alive connection is reused for the next request") {
    TestServer server({{"/port", [](auto& request, auto& response) {
                            reply(response, 200, std::to_string(request.clientAddress().port()));
                        }}});
    NullLogger logger;
    PocoHttpClient client(HttpOptions{}, logger);
    const HttpResponse first = client.send(get(server.url("/port")));
    const HttpResponse second = client.send(get(server.url("/port")));
    CHECK(first.status == 200);
    CHECK(first.body == second.body);
}

TEST_CASE("a cookie set on a 302 is kept and sent on the next hop") {
    TestServer server({
        {"/login",
         [](auto& request, auto& response) {
             Poco::Net::HTTPCookie cookie("openx3_access_token", "tok");
             cookie.setPath("/");
             response.addCookie(cookie);
             redirect(request, response, 302, "/landing");
         }},
        {"/landing", [](auto& request,
                        auto& response) { reply(response, 200, request.get("Cookie", "none")); }},
    });
    NullLogger logger;
    PocoHttpClient client(HttpOptions{}, logger);
    const HttpResponse response = client.send(get(server.url("/login")));
    CHECK(response.status == 200);
    CHECK(response.body == "openx3_access_token=tok");
    CHECK(response.url == server.url("/landing"));
    CHECK(client.cookie(server.url("/api"), "openx3_access_token") ==
          std::optional<std::string>("tok"));
}

TEST_CASE("a POST answered with 302 or 303 continues as a GET without the body, 307 keeps both") {
    TestServer server({
        {"/form", [](auto& request, auto& response) { redirect(request, response, 302, "/echo"); }},
        {"/see", [](auto& request, auto& response) { redirect(request, response, 303, "/echo"); }},
        {"/keep", [](auto& request, auto& response) { redirect(request, response, 307, "/echo"); }},
        {"/echo",
         [](auto& request, auto& response) {
             reply(response, 200, request.getMethod() + " " + body_of(request));
         }},
    });
    NullLogger logger;
    PocoHttpClient client(HttpOptions{}, logger);
    for (const char* path : {"/form", "/see", "/keep"}) {
        HttpRequest post = get(server.url(path));
        post.method = "POST";
        post.body = "a=1";
        const std::string expected = std::string(path) == "/keep" ? "POST a=1" : "GET ";
        CHECK(client.send(post).body == expected);
    }
}

TEST_CASE("a redirect loop ends after five hops with a clear error") {
    TestServer server({{"/loop", [](auto& request, auto& response) {
                            redirect(request, response, 302, "/loop");
                        }}});
    NullLogger logger;
    PocoHttpClient client(HttpOptions{}, logger);
    std::string message;
    CHECK(failure_of(client, get(server.url("/loop")), message) == ErrorKind::bad_data);
    CHECK_THAT(message, Catch::StartsWith("too many redirects (more than 5)"));
}

TEST_CASE("a redirect to another host or from https to http is refused") {
    TestServer server({{"/away", [](auto& request, auto& response) {
                            redirect(request, response, 302, "http://localhost:1/elsewhere");
                        }}});
    NullLogger logger;
    PocoHttpClient client(HttpOptions{}, logger);
    std::string message;
    CHECK(failure_of(client, get(server.url("/away")), message) == ErrorKind::bad_data);
    CHECK_THAT(message, Catch::StartsWith("refused a redirect to another origin "
                                          "(http://localhost:1): credentials stay with "
                                          "http://127.0.0.1:"));
}

TEST_CASE("a body shorter than its Content-Length is a truncation, not a page") {
    TestServer server({{"/short", [](auto&, auto& response) {
                            response.setKeepAlive(false);
                            response.setContentLength(100);
                            response.send() << R"({"data":[1,2)";
                        }}});
    NullLogger logger;
    PocoHttpClient client(HttpOptions{}, logger);
    std::string message;
    CHECK(failure_of(client, get(server.url("/short")), message) == ErrorKind::unavailable);
    CHECK(message == "truncated response: 12 of 100 bytes");
}

TEST_CASE("plain http to a host that is not loopback, and odd schemes, are configuration errors") {
    NullLogger logger;
    PocoHttpClient client(HttpOptions{}, logger);
    std::string message;
    CHECK(failure_of(client, get("http://api.example.com/x"), message) == ErrorKind::config);
    CHECK(message == "plain http:// is allowed only to loopback; use https:// for api.example.com");
    CHECK(failure_of(client, get("ftp://127.0.0.1/x"), message) == ErrorKind::config);
}

TEST_CASE("a closed port is a network error naming the origin") {
    NullLogger logger;
    PocoHttpClient client(HttpOptions{}, logger);
    std::string message;
    CHECK(failure_of(client, get("http://127.0.0.1:1/x"), message) == ErrorKind::unavailable);
    CHECK_THAT(message, Catch::StartsWith("cannot reach http://127.0.0.1:1"));
}
