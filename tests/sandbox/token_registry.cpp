#include "token_registry.hpp"

#include <random>

namespace sandbox {

std::string TokenRegistry::issue(const std::string& prefix, std::chrono::seconds ttl,
                                 const std::string& subject) {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    std::lock_guard<std::mutex> lock(m_mutex);
    // Every secret the sandbox hands out starts with SENTINEL-, so tests can grep for leaks.
    const std::string token = "SENTINEL-" + prefix + "-" + std::to_string(++m_counter) + "-" +
                              std::to_string(random() % 1000000000ULL);
    m_tokens[token] = Entry{std::chrono::steady_clock::now() + ttl, ttl.count() == 0, subject};
    return token;
}

std::optional<std::string> TokenRegistry::check(const std::string& token) {
    std::lock_guard<std::mutex> lock(m_mutex);
    auto found = m_tokens.find(token);
    if (found == m_tokens.end()) {
        return std::nullopt;
    }
    if (!found->second.forever && std::chrono::steady_clock::now() >= found->second.expires) {
        m_tokens.erase(found);
        return std::nullopt;
    }
    return found->second.subject;
}

void TokenRegistry::revoke(const std::string& token) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_tokens.erase(token);
}

}  // namespace sandbox
