// TLS verification is on and cannot be talked around: a loopback HTTPS server with a
// self-signed certificate is refused, even though loopback is where Poco skips name checks.
#include "http/poco_http_client.hpp"

#include <apirunner/error.hpp>

#include <catch2/catch.hpp>

#include <Poco/File.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/TemporaryFile.h>

#include <cstdlib>

using namespace apirunner;

namespace {

struct Hello : Poco::Net::HTTPRequestHandler {
    void handleRequest(Poco::Net::HTTPServerRequest&,
                       Poco::Net::HTTPServerResponse& response) override {
        response.send() << "hello";
    }
};

struct HelloFactory : Poco::Net::HTTPRequestHandlerFactory {
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new Hello;
    }
};

class NullLogger : public Logger {
  public:
    void log(LogLevel, const std::string&) override {}
    void add_secret(const std::string&) override {}
};

}  // namespace

TEST_CASE("a self-signed certificate is refused, on loopback too") {
    Poco::TemporaryFile dir;
    Poco::File(dir.path()).createDirectories();
    const std::string key = dir.path() + "/key.pem";
    const std::string cert = dir.path() + "/cert.pem";
    const std::string command =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
        "-addext subjectAltName=IP:127.0.0.1 -keyout " +
        key + " -out " + cert + " >/dev/null 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);

    Poco::Net::Context::Ptr server_context = new Poco::Net::Context(
        Poco::Net::Context::TLS_SERVER_USE, key, cert, "", Poco::Net::Context::VERIFY_NONE);
    Poco::Net::SecureServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0), 64,
                                         server_context);
    Poco::Net::HTTPServer server(new HelloFactory, socket, new Poco::Net::HTTPServerParams);
    server.start();

    NullLogger logger;
    PocoHttpClient client(HttpOptions{}, logger);
    HttpRequest request;
    request.url = "https://127.0.0.1:" + std::to_string(server.port()) + "/";
    try {
        client.send(request);
        FAIL("a self-signed certificate was accepted");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::unavailable);
        CHECK_THAT(error.what(), Catch::StartsWith("cannot reach https://127.0.0.1:") &&
                                     Catch::Contains("certificate verify failed"));
    }
    server.stopAll(true);
}

TEST_CASE("a peer that never answers the TLS handshake is a network failure saying it timed out") {
    // The kernel completes the TCP connection to a listening socket nobody accepts from: the
    // ClientHello goes out and nothing ever comes back, as with a stalled or hostile peer.
    Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0));
    NullLogger logger;
    HttpOptions options;
    options.connect_timeout_ms = 500;
    options.read_timeout_ms = 500;
    PocoHttpClient client(options, logger);
    HttpRequest request;
    request.url = "https://127.0.0.1:" + std::to_string(silent.address().port()) + "/";
    try {
        client.send(request);
        FAIL("a handshake nobody answered succeeded");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::unavailable);
        CHECK_THAT(error.what(), Catch::StartsWith("cannot reach https://127.0.0.1:") &&
                                     Catch::Contains("timed out"));
    }
}
