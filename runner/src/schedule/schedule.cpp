#include "schedule/schedule.hpp"

#include <stdexcept>

namespace apirunner {

const date::time_zone* find_time_zone(const std::string& name) {
    try {
        return date::locate_zone(name);
    } catch (const std::exception&) {
        throw std::invalid_argument(
            "unknown time zone '" + name +
            "': use an IANA name such as UTC, Europe/Berlin or America/New_York");
    }
}

Schedule::Schedule(const std::string& expression, const std::string& time_zone)
    : m_expression(CronExpression::parse(expression)), m_zone(find_time_zone(time_zone)) {}

Instant Schedule::instant_of(date::local_seconds wall) const {
    const date::local_info info = m_zone->get_info(wall);
    if (info.result == date::local_info::nonexistent) {
        return date::floor<std::chrono::seconds>(info.first.end);  // the instant the clocks jump
    }
    // unique, or ambiguous: the first occurrence, which is read with the earlier offset
    return Instant{(wall - info.first.offset).time_since_epoch()};
}

std::optional<Instant> Schedule::next_after(Instant after) const {
    // Matching wall times in order map to instants that never go backwards, so the first one past
    // `after` is the next run. In the repeated hour of a fall-back, the wall times ahead map to
    // their first occurrence, already past: the walk goes on to the first time not yet run.
    auto wall = m_zone->to_local(after);
    while (const auto match = m_expression.next_after(wall)) {
        const Instant at = instant_of(*match);
        if (at > after) {
            return at;
        }
        wall = *match;
    }
    return std::nullopt;
}

std::string Schedule::wall_clock(Instant at) const {
    return date::format("%F %T %Z", date::make_zoned(m_zone, at));
}

}  // namespace apirunner
