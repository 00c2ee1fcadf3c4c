#include "schedule/cron_expression.hpp"

#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <map>
#include <stdexcept>
#include <vector>

namespace apirunner {
namespace {

using namespace std::chrono;

const std::map<std::string, std::string> shorthands = {
    {"@yearly", "0 0 1 1 *"}, {"@annually", "0 0 1 1 *"}, {"@monthly", "0 0 1 * *"},
    {"@weekly", "0 0 * * 0"}, {"@daily", "0 0 * * *"},    {"@midnight", "0 0 * * *"},
    {"@hourly", "0 * * * *"}};

struct FieldRule {
    const char* name;
    int low;
    int high;
    bool takes_any;                  // '?' as well as '*' (the day fields, as Quartz writes them)
    std::vector<std::string> names;  // names[i] stands for low + i
};

const FieldRule seconds_rule{"seconds", 0, 59, false, {}};
const FieldRule minutes_rule{"minute", 0, 59, false, {}};
const FieldRule hours_rule{"hour", 0, 23, false, {}};
const FieldRule days_rule{"day-of-month", 1, 31, true, {}};
const FieldRule months_rule{
    "month",
    1,
    12,
    false,
    {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}};
// 7 is Sunday as well as 0; it is folded onto 0 when the set is built (so 1/2 takes in Sunday).
const FieldRule weekdays_rule{
    "day-of-week", 0, 7, true, {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}};

[[noreturn]] void refuse(const FieldRule& rule, const std::string& field, const std::string& why) {
    throw std::invalid_argument("the " + std::string(rule.name) + " field '" + field + "' " + why);
}

// Digits only (no sign, no space) as a number, or nothing.
std::optional<int> whole_number(const std::string& text) {
    unsigned value = 0;
    if (text.empty() || text.size() > 9 ||
        text.find_first_not_of("0123456789") != std::string::npos ||
        !Poco::NumberParser::tryParseUnsigned(text, value)) {
        return std::nullopt;
    }
    return static_cast<int>(value);
}

int value_of(const FieldRule& rule, const std::string& field, const std::string& text) {
    const std::string upper = Poco::toUpper(text);
    for (std::size_t i = 0; i < rule.names.size(); ++i) {
        if (upper == rule.names[i]) {
            return rule.low + static_cast<int>(i);
        }
    }
    const auto value = whole_number(text);
    if (!value) {
        refuse(rule, field,
               "has '" + text + "' where a number" + (rule.names.empty() ? "" : " or a name") +
                   " belongs");
    }
    if (*value < rule.low || *value > rule.high) {
        refuse(rule, field,
               "has " + text + ", outside " + std::to_string(rule.low) + "-" +
                   std::to_string(rule.high));
    }
    return *value;
}

// One item of a list: *, N, N-M, each with an optional /STEP; N/STEP runs from N to the end.
void add_item(const FieldRule& rule, const std::string& field, const std::string& item,
              std::vector<bool>& values) {
    std::string range = item;
    int step = 1;
    const auto slash = item.find('/');
    if (slash != std::string::npos) {
        range = item.substr(0, slash);
        const std::string step_text = item.substr(slash + 1);
        const auto parsed = whole_number(step_text);
        if (!parsed || *parsed == 0 || *parsed > rule.high) {
            refuse(rule, field,
                   "has the step '" + step_text + "', which is not a whole number from 1 to " +
                       std::to_string(rule.high));
        }
        step = *parsed;
    }
    int first = rule.low;
    int last = rule.high;
    if (range == "?" && !rule.takes_any) {
        refuse(rule, field, "uses '?', which only the day fields take");
    }
    if (range != "*" && range != "?") {
        const auto dash = range.find('-', 1);
        first = value_of(rule, field, range.substr(0, dash));
        if (dash != std::string::npos) {
            last = value_of(rule, field, range.substr(dash + 1));
        } else if (slash == std::string::npos) {
            last = first;
        }
        if (last < first) {
            refuse(rule, field, "has the range '" + range + "', which runs backwards");
        }
    }
    for (int value = first; value <= last; value += step) {
        values[static_cast<std::size_t>(value)] = true;
    }
}

// The values a field allows.
template <std::size_t N>
void parse_field(const FieldRule& rule, const std::string& field, std::bitset<N>& set) {
    std::vector<bool> values(static_cast<std::size_t>(rule.high) + 1, false);
    Poco::StringTokenizer items(field, ",");
    if (field.empty() || field.back() == ',' || items.count() == 0) {
        refuse(rule, field, "is empty or ends with a comma");
    }
    for (const auto& item : items) {
        if (item.empty()) {
            refuse(rule, field, "has an empty item");
        }
        add_item(rule, field, item, values);
    }
    for (std::size_t value = 0; value < values.size(); ++value) {
        if (values[value]) {
            set.set(value % N);  // day-of-week 7 lands on 0, Sunday
        }
    }
}

}  // namespace

CronExpression CronExpression::parse(const std::string& text) {
    const std::string trimmed = Poco::trim(text);
    const auto shorthand = shorthands.find(Poco::toLower(trimmed));
    if (trimmed.rfind('@', 0) == 0 && shorthand == shorthands.end()) {
        throw std::invalid_argument("'" + trimmed +
                                    "' is not one of @yearly, @monthly, @weekly, @daily, @hourly");
    }
    Poco::StringTokenizer fields(shorthand == shorthands.end() ? trimmed : shorthand->second, " \t",
                                 Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    if (fields.count() != 5 && fields.count() != 6) {
        throw std::invalid_argument("'" + trimmed + "' has " + std::to_string(fields.count()) +
                                    " fields; a schedule has five (minute hour day-of-month month "
                                    "day-of-week) or six with seconds first");
    }
    CronExpression expression;
    std::size_t at = 0;
    if (fields.count() == 6) {
        parse_field(seconds_rule, fields[at++], expression.m_seconds);
    } else {
        expression.m_seconds.set(0);
    }
    parse_field(minutes_rule, fields[at++], expression.m_minutes);
    parse_field(hours_rule, fields[at++], expression.m_hours);
    parse_field(days_rule, fields[at++], expression.m_days);
    parse_field(months_rule, fields[at++], expression.m_months);
    parse_field(weekdays_rule, fields[at++], expression.m_weekdays);
    // A day field restricts when it leaves a day out, however it is written (1-31 is *).
    expression.m_days_restricted = expression.m_days.count() < 31;
    expression.m_weekdays_restricted = !expression.m_weekdays.all();
    return expression;
}

bool CronExpression::day_matches(date::local_days day) const {
    const date::year_month_day ymd{day};
    const bool by_date = m_days[static_cast<unsigned>(ymd.day())];
    const bool by_weekday = m_weekdays[date::weekday{day}.c_encoding()];
    if (m_days_restricted && m_weekdays_restricted) {
        return by_date || by_weekday;
    }
    return by_date && by_weekday;
}

std::optional<date::local_seconds> CronExpression::next_after(date::local_seconds after) const {
    // Each miss jumps to the start of the next month, day, hour, minute or second.
    const auto limit = after + date::days(8 * 366);
    for (auto time = after + seconds(1); time <= limit;) {
        const auto day = date::floor<date::days>(time);
        const date::year_month_day ymd{day};
        if (!m_months[static_cast<unsigned>(ymd.month())]) {
            const date::year_month next_month = ymd.year() / ymd.month() + date::months(1);
            time = date::local_days{next_month / 1};
            continue;
        }
        if (!day_matches(day)) {
            time = day + date::days(1);
            continue;
        }
        const auto hour = date::floor<hours>(time);
        if (!m_hours[static_cast<std::size_t>((hour - day).count())]) {
            time = hour + hours(1);
            continue;
        }
        const auto minute = date::floor<minutes>(time);
        if (!m_minutes[static_cast<std::size_t>((minute - hour).count())]) {
            time = minute + minutes(1);
            continue;
        }
        if (!m_seconds[static_cast<std::size_t>((time - minute).count())]) {
            time += seconds(1);
            continue;
        }
        return time;
    }
    return std::nullopt;
}

}  // namespace apirunner
