#include "http/tls.hpp"

#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>

#include <mutex>

namespace apirunner {

Poco::Net::Context::Ptr tls_client_context() {
    static Poco::Net::Context::Ptr context;
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Net::initializeSSL();
        context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                         Poco::Net::Context::VERIFY_STRICT, 9, true,
                                         "HIGH:!aNULL:!MD5:@STRENGTH");
        context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
        // Without this, Poco's default handler for a bad certificate may prompt on the console.
        Poco::SharedPtr<Poco::Net::InvalidCertificateHandler> reject =
            new Poco::Net::RejectCertificateHandler(false);
        Poco::Net::SSLManager::instance().initializeClient(nullptr, reject, context);
    });
    return context;
}

}  // namespace apirunner
