// A certificate is checked against the name apirunner connected to, not only against its chain:
// with a private CA trusted through SSL_CERT_FILE, a certificate for 127.0.0.1 is taken and one
// for another name is refused, even on loopback.
#include "workdir.hpp"

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

#include <cstdlib>

using namespace itest;

namespace {

struct EmptyList : Poco::Net::HTTPRequestHandler {
    void handleRequest(Poco::Net::HTTPServerRequest&,
                       Poco::Net::HTTPServerResponse& response) override {
        response.setContentType("application/json");
        response.send() << "[]";
    }
};

struct EmptyListFactory : Poco::Net::HTTPRequestHandlerFactory {
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new EmptyList;
    }
};

// A CA in `work`, and a server certificate it signed for `subject_alt_name`.
void make_certificates(const Workdir& work, const std::string& subject_alt_name) {
    const std::string dir = work.path();
    const std::string commands =
        "cd " + dir +
        " && openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=test-ca "
        "-keyout ca.key -out ca.pem"
        " && openssl req -newkey rsa:2048 -nodes -subj /CN=server -keyout server.key "
        "-out server.csr"
        " && printf 'subjectAltName=" +
        subject_alt_name +
        "\\n' > san.ext"
        " && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1 "
        "-extfile san.ext -out server.pem";
    REQUIRE(std::system(("(" + commands + ") >/dev/null 2>&1").c_str()) == 0);
}

// Runs a one-request job against an HTTPS server holding `subject_alt_name`'s certificate.
Finished run_against(const std::string& subject_alt_name) {
    Workdir work;
    make_certificates(work, subject_alt_name);
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, work.file("server.key"),
                               work.file("server.pem"), "", Poco::Net::Context::VERIFY_NONE);
    Poco::Net::SecureServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0), 64, context);
    Poco::Net::HTTPServer server(new EmptyListFactory, socket, new Poco::Net::HTTPServerParams);
    server.start();
    work.write("jobs.yaml",
               "version: 1\nstate: state/state.db\nproviders:\n"
               "  api:\n    plugin: bearer\n    base_url: https://127.0.0.1:" +
                   std::to_string(server.port()) +
                   "\n    credentials: {token: SENTINEL-tls-token}\n"
                   "    retry: {max_attempts: 1}\n"
                   "sinks:\n  files: {type: jsonl, path: out/items.jsonl}\n"
                   "jobs:\n  items:\n    provider: api\n    request: {path: /items}\n"
                   "    output: {sink: files}\n");
    Finished run =
        work.apirunner({"run", "--config", "jobs.yaml"}, {{"SSL_CERT_FILE", work.file("ca.pem")}});
    server.stopAll(true);
    return run;
}

}  // namespace

TEST_CASE("tls: a certificate from a trusted CA for the address connected to is taken") {
    const Finished run = run_against("IP:127.0.0.1");
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("job items: ok, 0 records"));
}

TEST_CASE("tls: a certificate from a trusted CA for another name is refused, exit 69") {
    const Finished run = run_against("DNS:wrong.invalid");
    CHECK(run.exit_code == 69);
    CHECK_THAT(run.err, Catch::Contains("cannot reach https://127.0.0.1:") &&
                            Catch::Contains("Unacceptable certificate from 127.0.0.1"));
}
