// A moment in time to the second, and how the command line writes one.
#pragma once

#include <date/date.h>

#include <optional>
#include <string>

namespace apirunner {

using Instant = date::sys_seconds;

// ISO 8601 as a user types it (or the state database keeps it): 2026-03-08T02:30:00Z,
// 2026-03-08T02:30:00.25Z, 2026-03-08T02:30:00+01:00, 2026-03-08 02:30:00 (UTC) or 2026-03-08
// (UTC midnight). Nothing for anything else.
std::optional<Instant> parse_instant(const std::string& text);

// A span as a user types one: 90s, 30m, 24h, 7d. Nothing for anything else.
std::optional<std::chrono::seconds> parse_span(const std::string& text);

}  // namespace apirunner
