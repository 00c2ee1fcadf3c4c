#include "plugins/provider_host.hpp"

#include <chrono>

namespace apirunner {

std::int64_t SystemClock::monotonic_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::int64_t SystemClock::unix_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

ProviderHost::ProviderHost(std::string profile, const ConsoleLogger& logger, HttpOptions options,
                           std::unique_ptr<TokenStore> store)
    : m_profile(std::move(profile)),
      m_logger(logger.scoped(m_profile)),
      m_http(options, m_logger),
      m_store(std::move(store)) {}

}  // namespace apirunner
