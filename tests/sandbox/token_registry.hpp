// Tokens a simulated provider has issued, with their lifetimes. Thread-safe: the server answers
// on several threads.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace sandbox {

class TokenRegistry {
  public:
    // A new token that lives `ttl` (zero: forever), carrying `subject` (who it belongs to).
    std::string issue(const std::string& prefix, std::chrono::seconds ttl,
                      const std::string& subject);
    // The subject of a live token, or nothing when unknown, expired or revoked.
    std::optional<std::string> check(const std::string& token);
    void revoke(const std::string& token);

  private:
    struct Entry {
        std::chrono::steady_clock::time_point expires;
        bool forever;
        std::string subject;
    };
    std::mutex m_mutex;
    std::map<std::string, Entry> m_tokens;
    unsigned long m_counter = 0;
};

}  // namespace sandbox
