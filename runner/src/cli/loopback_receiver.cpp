#include "cli/loopback_receiver.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/URI.h>

#include <chrono>

namespace apirunner {
namespace {

class CallbackHandler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit CallbackHandler(LoopbackReceiver& receiver) : m_receiver(receiver) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        const Poco::URI uri(request.getURI());
        response.setContentType("text/html; charset=utf-8");
        if (uri.getPath() != "/callback") {
            response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
            response.send() << "<html><body>Not here.</body></html>";
            return;
        }
        response.send()
            << "<html><body><p>apirunner has the authorization; you can close this window."
               "</p></body></html>";
        m_receiver.deliver(query_of(request.getURI()));
    }

  private:
    LoopbackReceiver& m_receiver;
};

class CallbackFactory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit CallbackFactory(LoopbackReceiver& receiver) : m_receiver(receiver) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new CallbackHandler(m_receiver);
    }

  private:
    LoopbackReceiver& m_receiver;
};

}  // namespace

std::map<std::string, std::string> query_of(const std::string& url) {
    std::map<std::string, std::string> query;
    for (const auto& [name, value] : Poco::URI(url).getQueryParameters()) {
        query.emplace(name, value);
    }
    return query;
}

LoopbackReceiver::LoopbackReceiver(int port) {
    Poco::Net::ServerSocket socket(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
    m_server = std::make_unique<Poco::Net::HTTPServer>(new CallbackFactory(*this), socket,
                                                       new Poco::Net::HTTPServerParams);
    m_server->start();
}

LoopbackReceiver::~LoopbackReceiver() { m_server->stopAll(true); }

std::string LoopbackReceiver::redirect_uri() const {
    return "http://127.0.0.1:" + std::to_string(m_server->port()) + "/callback";
}

void LoopbackReceiver::deliver(std::map<std::string, std::string> query) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_query) {
        m_query = std::move(query);
        m_arrived.notify_all();
    }
}

std::optional<std::map<std::string, std::string>> LoopbackReceiver::wait(int timeout_s) {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_arrived.wait_for(lock, std::chrono::seconds(timeout_s),
                       [this] { return m_query.has_value(); });
    return m_query;
}

}  // namespace apirunner
