#include "http/poco_http_client.hpp"

#include "http/origin.hpp"
#include "http/redirect.hpp"
#include "http/tls.hpp"
#include "log/redactor.hpp"

#include <apirunner/error.hpp>

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/String.h>
#include <Poco/Timespan.h>

#include <chrono>

namespace apirunner {
namespace {

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

bool is_loopback(const std::string& host) {
    if (host == "localhost") {
        return true;
    }
    Poco::Net::IPAddress address;
    return Poco::Net::IPAddress::tryParse(host, address) && address.isLoopback();
}

// An HTTPS session whose TLS handshake waits at most the read timeout for each answer from the
// server. Poco 1.11 runs the handshake inside connect() with the connect timeout as SO_RCVTIMEO,
// and when that runs out returns as if done (SecureSocketImpl::connectSSL ignores
// SSL_ERROR_WANT_READ); the first write then resumes it and waits SO_RCVTIMEO plus a poll of the
// same length: connect + 2 x read timeout. Here connect() is TCP only (lazy handshake) and the
// handshake follows on a non-blocking descriptor, so each wait is one poll of the read timeout.
class BoundedHandshakeSession : public Poco::Net::HTTPSClientSession {
  public:
    BoundedHandshakeSession(const std::string& host, Poco::UInt16 port,
                            Poco::Net::Context::Ptr context)
        : HTTPSClientSession(lazy_socket(context)) {
        setHost(host);
        setPort(port);
    }

  protected:
    void connect(const Poco::Net::SocketAddress& address) override {
        using Poco::Net::SecureStreamSocket;
        HTTPSClientSession::connect(address);  // TCP connect only, then the session's timeouts
        SecureStreamSocket tls(socket());
        tls.setBlocking(false);
        int rc;
        try {
            while ((rc = tls.completeHandshake()) == SecureStreamSocket::ERR_SSL_WANT_READ ||
                   rc == SecureStreamSocket::ERR_SSL_WANT_WRITE) {
                const int mode = rc == SecureStreamSocket::ERR_SSL_WANT_READ
                                     ? Poco::Net::Socket::SELECT_READ
                                     : Poco::Net::Socket::SELECT_WRITE;
                if (!tls.poll(getTimeout(), mode)) {
                    throw Poco::TimeoutException("TLS handshake");
                }
            }
        } catch (...) {
            tls.setBlocking(true);
            throw;
        }
        tls.setBlocking(true);
        if (rc != 1) {
            throw Poco::Net::SSLConnectionUnexpectedlyClosedException("during the TLS handshake");
        }
        // completeHandshake() checks the chain only; the name is checked here, as Poco does
        // itself when the first read or write completes a handshake.
        tls.verifyPeerCertificate();
    }

  private:
    static Poco::Net::SecureStreamSocket lazy_socket(Poco::Net::Context::Ptr context) {
        Poco::Net::SecureStreamSocket socket(context);
        socket.setLazyHandshake(true);
        return socket;
    }
};

Error network_error(const Poco::URI& uri, const std::string& what) {
    return Error(ErrorKind::unavailable,
                 redactor().redact("cannot reach " + origin_of(uri) + ": " + what));
}

}  // namespace

void check_url_allowed(const Poco::URI& uri) {
    const std::string scheme = uri.getScheme();
    if (scheme != "http" && scheme != "https") {
        throw Error(ErrorKind::config, "URL scheme must be http or https: '" + scheme + "'");
    }
    if (uri.getHost().empty()) {
        throw Error(ErrorKind::config, "URL has no host");
    }
    if (scheme == "http" && !is_loopback(uri.getHost())) {
        throw Error(ErrorKind::config,
                    "plain http:// is allowed only to loopback; use https:// for " + uri.getHost());
    }
}

PocoHttpClient::PocoHttpClient(HttpOptions options, Logger& logger)
    : m_options(options), m_logger(logger) {}

PocoHttpClient::~PocoHttpClient() = default;

PocoHttpClient::Connection PocoHttpClient::take_connection(const Poco::URI& uri, bool fresh) {
    if (!fresh) {
        std::lock_guard<std::mutex> lock(m_mutex);
        auto& idle = m_idle[origin_of(uri)];
        if (!idle.empty()) {
            Connection connection = std::move(idle.back());
            idle.pop_back();
            return connection;
        }
    }
    Connection connection;
    if (uri.getScheme() == "https") {
        connection = std::make_unique<BoundedHandshakeSession>(uri.getHost(), uri.getPort(),
                                                               tls_client_context());
    } else {
        connection = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    }
    connection->setTimeout(Poco::Timespan(0, m_options.connect_timeout_ms * 1000),
                           Poco::Timespan(0, m_options.read_timeout_ms * 1000),
                           Poco::Timespan(0, m_options.read_timeout_ms * 1000));
    connection->setKeepAlive(true);
    return connection;
}

void PocoHttpClient::give_back(const Poco::URI& uri, Connection connection) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_idle[origin_of(uri)].push_back(std::move(connection));
}

std::string PocoHttpClient::read_body(std::istream& in, Poco::Net::HTTPClientSession& session,
                                      std::int64_t declared_length, std::int64_t deadline_ms) {
    if (declared_length > static_cast<std::int64_t>(m_options.max_body_bytes)) {
        session.abort();
        throw Error(ErrorKind::bad_data, "the response declares " +
                                             std::to_string(declared_length) +
                                             " bytes, more than the limit of " +
                                             std::to_string(m_options.max_body_bytes));
    }
    std::string body;
    if (declared_length > 0) {
        body.reserve(static_cast<std::size_t>(declared_length));
    }
    char buffer[65536];
    while (in) {
        in.read(buffer, sizeof buffer);
        body.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (now_ms() > deadline_ms) {
            session.abort();
            throw Error(ErrorKind::unavailable, "the response took longer than the deadline");
        }
        if (body.size() > m_options.max_body_bytes) {
            session.abort();
            throw Error(ErrorKind::bad_data, "the response is larger than the limit of " +
                                                 std::to_string(m_options.max_body_bytes) +
                                                 " bytes");
        }
    }
    // Poco reads a body cut short as complete: count it against Content-Length ourselves.
    if (declared_length >= 0 && static_cast<std::int64_t>(body.size()) != declared_length) {
        session.reset();
        throw Error(ErrorKind::unavailable, "truncated response: " + std::to_string(body.size()) +
                                                " of " + std::to_string(declared_length) +
                                                " bytes");
    }
    return body;
}

HttpResponse PocoHttpClient::exchange_once(const HttpRequest& request, const Poco::URI& uri,
                                           bool with_cookies,
                                           Poco::Net::HTTPClientSession& session) {
    const std::int64_t deadline = now_ms() + m_options.exchange_deadline_ms;
    Poco::Net::HTTPRequest out(request.method, uri.getPathAndQuery(),
                               Poco::Net::HTTPMessage::HTTP_1_1);
    out.setHost(uri.getHost(), uri.getPort());
    std::string cookie_header;
    for (const auto& [name, value] : request.headers) {
        if (Poco::icompare(name, "Cookie") == 0) {
            cookie_header = value;
        } else {
            out.set(name, value);
        }
    }
    if (with_cookies) {  // the jar's cookies stay with the origin the request was made for
        std::lock_guard<std::mutex> lock(m_mutex);
        cookie_header = m_jar.header_for(uri, cookie_header);
    }
    if (!cookie_header.empty()) {
        out.set("Cookie", cookie_header);
    }
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
        out.setContentLength(static_cast<std::streamsize>(request.body.size()));
    }
    session.sendRequest(out) << request.body;

    Poco::Net::HTTPResponse in;
    std::istream& body_stream = session.receiveResponse(in);
    HttpResponse response;
    response.status = static_cast<int>(in.getStatus());
    response.reason = in.getReason();
    response.url = uri.toString();
    std::vector<std::string> set_cookies;
    for (const auto& [name, value] : in) {
        response.headers.emplace_back(name, value);
        if (Poco::icompare(name, "Set-Cookie") == 0) {
            set_cookies.push_back(value);
        }
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_jar.store(uri, set_cookies);
    }
    const std::int64_t declared = in.hasContentLength() ? in.getContentLength64() : -1;
    response.body = request.method == "HEAD" ? std::string()
                                             : read_body(body_stream, session, declared, deadline);
    return response;
}

// One request on a kept-alive connection; resent once on a fresh connection when the old one had
// died before any byte of the answer came (as curl does), for idempotent methods only. A
// connection that failed is dropped (closed); one that answered is kept for the next request.
HttpResponse PocoHttpClient::exchange(const HttpRequest& request, const Poco::URI& uri,
                                      bool with_cookies) {
    const bool idempotent = request.method != "POST" && request.method != "PATCH";
    for (int attempt = 1;; ++attempt) {
        Connection connection = take_connection(uri, attempt > 1);
        try {
            HttpResponse response = exchange_once(request, uri, with_cookies, *connection);
            give_back(uri, std::move(connection));
            return response;
        } catch (const Poco::Net::NoMessageException& e) {
            if (attempt > 1 || !idempotent) {
                throw network_error(uri, "the server closed the connection without answering");
            }
        } catch (const Poco::Net::ConnectionResetException& e) {
            if (attempt > 1 || !idempotent) {
                throw network_error(uri, "connection reset");
            }
        } catch (const Poco::TimeoutException& e) {
            throw network_error(uri, "timed out");
        } catch (const Poco::Net::MessageException& e) {
            throw Error(
                ErrorKind::bad_data,
                redactor().redact(origin_of(uri) + " broke the HTTP protocol: " + e.displayText()));
        } catch (const Poco::Exception& e) {
            throw network_error(uri, e.displayText());
        } catch (const Error&) {
            throw;
        } catch (const std::exception& e) {
            throw network_error(uri, e.what());
        }
    }
}

HttpResponse PocoHttpClient::send(const HttpRequest& request) {
    HttpRequest hop = request;
    Poco::URI uri;
    try {
        uri = Poco::URI(request.url);
    } catch (const Poco::Exception&) {
        throw Error(ErrorKind::config, "not a valid URL: '" + redactor().redact(request.url) + "'");
    }
    check_url_allowed(uri);
    const RedirectRules rules{origin_of(uri), m_options.allow_cross_host_redirects};
    for (int hops = 0;; ++hops) {
        const std::int64_t started = now_ms();
        HttpResponse response = exchange(hop, uri, origin_of(uri) == rules.first_origin);
        m_logger.log(LogLevel::debug, hop.method + " " + uri.toString() + " -> " +
                                          std::to_string(response.status) + " (" +
                                          std::to_string(response.body.size()) + " bytes, " +
                                          std::to_string(now_ms() - started) + " ms)");
        auto location = response.header("Location");
        if (!is_redirect(response.status) || !location) {
            return response;
        }
        if (hops >= m_options.max_redirects) {
            throw Error(ErrorKind::bad_data, "too many redirects (more than " +
                                                 std::to_string(m_options.max_redirects) +
                                                 ") from " + redactor().redact(request.url));
        }
        Redirect next = follow_redirect(hop, uri, response.status, *location, rules);
        check_url_allowed(next.uri);
        hop = std::move(next.request);
        uri = next.uri;
    }
}

std::optional<std::string> PocoHttpClient::cookie(const std::string& url, const std::string& name) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_jar.value(Poco::URI(url), name);
}

}  // namespace apirunner
