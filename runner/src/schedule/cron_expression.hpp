// A cron expression: five fields (minute hour day-of-month month day-of-week) or six with a
// leading seconds field; lists, ranges, steps, month and weekday names, and the @hourly, @daily,
// @weekly, @monthly and @yearly shorthands. It matches wall-clock times; time zones are
// schedule.hpp's concern.
#pragma once

#include <date/date.h>

#include <bitset>
#include <optional>
#include <string>

namespace apirunner {

class CronExpression {
  public:
    // Throws std::invalid_argument naming the field and what is wrong with it.
    static CronExpression parse(const std::string& text);

    // The first wall-clock time strictly after `after` that matches, or nothing when none does
    // within eight years (the 30th of February).
    std::optional<date::local_seconds> next_after(date::local_seconds after) const;

  private:
    bool day_matches(date::local_days day) const;

    std::bitset<60> m_seconds;
    std::bitset<60> m_minutes;
    std::bitset<24> m_hours;
    std::bitset<32> m_days;     // 1-31
    std::bitset<13> m_months;   // 1-12
    std::bitset<7> m_weekdays;  // 0 = Sunday
    // When both day fields are restricted, a day matching either one matches (as in cron).
    bool m_days_restricted = false;
    bool m_weekdays_restricted = false;
};

}  // namespace apirunner
