// A job's schedule: a cron expression read on the wall clock of an IANA time zone.
//
// Daylight saving, as cron users expect it: each matching wall-clock time runs once. A time the
// clocks skip (02:30 on a spring-forward night) runs at the first instant after the jump, once
// however many skipped times match; a time that happens twice (01:30 on a fall-back night) runs
// at its first occurrence only. Zone data comes from the system's tzdata; past its last listed
// transition (2037 in Debian's files) a zone keeps the offset it had then.
#pragma once

#include "schedule/cron_expression.hpp"
#include "schedule/instant.hpp"

#include <date/tz.h>

#include <chrono>
#include <optional>
#include <string>

namespace apirunner {

// The zone of an IANA name; throws std::invalid_argument naming it when tzdata has no such zone.
const date::time_zone* find_time_zone(const std::string& name);

class Schedule {
  public:
    // Throws std::invalid_argument: the expression's problem, or "unknown time zone 'X'".
    Schedule(const std::string& expression, const std::string& time_zone);

    // The first run time strictly after `after`, or nothing when the expression never matches.
    std::optional<Instant> next_after(Instant after) const;

    // `at` on this schedule's wall clock: "2026-11-24 02:00:00 CET".
    std::string wall_clock(Instant at) const;

  private:
    Instant instant_of(date::local_seconds wall) const;

    CronExpression m_expression;
    const date::time_zone* m_zone;
};

}  // namespace apirunner
