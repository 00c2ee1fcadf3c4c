#include "request_window.hpp"

namespace sandbox {

bool RequestWindow::admit(std::int64_t limit) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(m_mutex);
    while (!m_recent.empty() && now - m_recent.front() >= std::chrono::seconds(1)) {
        m_recent.pop_front();
    }
    if (static_cast<std::int64_t>(m_recent.size()) >= limit) {
        return false;
    }
    m_recent.push_back(now);
    return true;
}

}  // namespace sandbox
