#include "metrics/metrics_server.hpp"

#include <apirunner/error.hpp>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>

namespace apirunner {
namespace {

class MetricsHandler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit MetricsHandler(const RunMetrics& metrics) : m_metrics(metrics) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        const bool found = request.getURI() == "/metrics" && request.getMethod() == "GET";
        const std::string body = found ? m_metrics.text() : "apirunner serves GET /metrics only\n";
        response.setStatusAndReason(found ? Poco::Net::HTTPResponse::HTTP_OK
                                          : Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
        response.setContentType(found ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain");
        response.setContentLength(static_cast<std::streamsize>(body.size()));
        response.send() << body;
    }

  private:
    const RunMetrics& m_metrics;
};

class MetricsHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit MetricsHandlerFactory(const RunMetrics& metrics) : m_metrics(metrics) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new MetricsHandler(m_metrics);
    }

  private:
    const RunMetrics& m_metrics;
};

}  // namespace

MetricsServer::MetricsServer(const RunMetrics& metrics, int port) {
    try {
        Poco::Net::ServerSocket socket(
            Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
        m_port = socket.address().port();
        auto* params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(2);
        m_server = std::make_unique<Poco::Net::HTTPServer>(new MetricsHandlerFactory(metrics),
                                                           socket, params);
        m_server->start();
    } catch (const Poco::Exception& error) {
        throw Error(ErrorKind::config, "cannot serve metrics on 127.0.0.1:" + std::to_string(port) +
                                           ": " + error.displayText());
    }
}

MetricsServer::~MetricsServer() { m_server->stopAll(true); }

}  // namespace apirunner
