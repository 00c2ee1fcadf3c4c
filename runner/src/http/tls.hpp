// The one TLS client context: system CAs, TLS 1.2 or later, strict verification (hostname checked
// even on loopback), and a handler that rejects, never asks. Nothing may loosen it.
#pragma once

#include <Poco/Net/Context.h>

namespace apirunner {

Poco::Net::Context::Ptr tls_client_context();

}  // namespace apirunner
