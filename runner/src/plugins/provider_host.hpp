// The host services one provider profile lends its plugin: its own HTTP client (and so its own
// cookie jar and connections), a logger scoped to the profile, the system clock, its token store.
#pragma once

#include "http/poco_http_client.hpp"
#include "log/console_logger.hpp"

#include <apirunner/host.hpp>

#include <memory>

namespace apirunner {

class SystemClock : public Clock {
  public:
    std::int64_t monotonic_ms() override;
    std::int64_t unix_seconds() override;
};

class ProviderHost : public HostServices {
  public:
    ProviderHost(std::string profile, const ConsoleLogger& logger, HttpOptions options,
                 std::unique_ptr<TokenStore> store);

    HttpClient& http() override { return m_http; }
    Logger& logger() override { return m_logger; }
    Clock& clock() override { return m_clock; }
    TokenStore& token_store() override { return *m_store; }
    const std::string& profile() const override { return m_profile; }

  private:
    std::string m_profile;
    ConsoleLogger m_logger;
    PocoHttpClient m_http;
    SystemClock m_clock;
    std::unique_ptr<TokenStore> m_store;
};

}  // namespace apirunner
