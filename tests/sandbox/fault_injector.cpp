#include "fault_injector.hpp"

#include <map>

namespace sandbox {

bool FaultInjector::over_rate(std::int64_t limit) { return limit > 0 && !m_window.admit(limit); }

std::optional<Fault> FaultInjector::next() {
    if (over_rate(m_options.rate_limit)) {
        return Fault::rate_limited;
    }
    if (over_rate(m_options.budget)) {
        return Fault::budget_spent;
    }
    const std::int64_t n = ++m_count;
    auto every = [n](std::int64_t period) { return period > 0 && n % period == 0; };
    if (every(m_options.fail_every)) {
        return Fault::unavailable;
    }
    if (every(m_options.drop_every)) {
        return Fault::dropped;
    }
    if (every(m_options.garbage_every)) {
        return Fault::garbage;
    }
    if (!m_options.redirect_to.empty()) {
        return Fault::redirect_away;
    }
    return m_options.malformed;
}

std::optional<Fault> malformed_fault(const std::string& name) {
    static const std::map<std::string, Fault> names = {
        {"html", Fault::html},   {"non-utf8", Fault::non_utf8},
        {"huge", Fault::huge},   {"array", Fault::array},
        {"no-id", Fault::no_id}, {"redirect-loop", Fault::redirect_loop}};
    const auto found = names.find(name);
    return found == names.end() ? std::nullopt : std::optional<Fault>(found->second);
}

}  // namespace sandbox
