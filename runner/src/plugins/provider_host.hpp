// The host services one provider profile lends its plugin: its own HTTP client (and so its own
// cookie jar and connections), a logger scoped to the profile, the system clock.
#pragma once

#include "http/poco_http_client.hpp"
#include "log/console_logger.hpp"

#include <apirunner/host.hpp>

namespace apirunner {

class SystemClock : public Clock {
public:
    std::int64_t monotonic_ms() override;
    std::int64_t unix_seconds() override;
};

class ProviderHost : public HostServices {
public:
    ProviderHost(std::string profile, const ConsoleLogger& logger, HttpOptions options);

    HttpClient& http() override { return m_http; }
    Logger& logger() override { return m_logger; }
    Clock& clock() override { return m_clock; }
    const std::string& profile() const override { return m_profile; }

private:
    std::string m_profile;
    ConsoleLogger m_logger;
    PocoHttpClient m_http;
    SystemClock m_clock;
};

}  // namespace apirunner
