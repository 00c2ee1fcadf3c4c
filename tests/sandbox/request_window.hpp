// The requests of the last second, for the sandbox's rate limits (--rate-limit, --budget,
// Airtable's 5 a second). Thread-safe: the server answers on several threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>

namespace sandbox {

class RequestWindow {
  public:
    // Counts this request and says true, unless `limit` were made in the last second already.
    bool admit(std::int64_t limit);

  private:
    std::mutex m_mutex;
    std::deque<std::chrono::steady_clock::time_point> m_recent;
};

}  // namespace sandbox
