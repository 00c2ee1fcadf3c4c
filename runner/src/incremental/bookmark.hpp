// A job's bookmark (`incremental:`): the highest cursor value a successful run saw, and how it
// is read from records, kept, compared and sent. What kind of value it is follows from
// `incremental.format`: a time (compared to the microsecond, whatever zone it was written in),
// a number, or text (compared byte by byte).
#pragma once

#include "paging/json_path.hpp"

#include <date/date.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace apirunner {

enum class BookmarkKind { time, number, text };

class Bookmark {
  public:
    // For a time, ISO 8601 text (any zone; up to nine digits of fraction; a date alone is its
    // UTC midnight) or epoch seconds (milliseconds past 10^12); for a number, a whole number;
    // for text, any text but "". Nothing for anything else. BookmarkFormat::read adds the
    // job's own pattern.
    static std::optional<Bookmark> from_text(const std::string& text, BookmarkKind kind);
    // A time bookmark at `at`.
    static Bookmark at(date::sys_seconds at);

    BookmarkKind kind() const { return m_kind; }
    // As kept and shown: 2026-03-08T02:30:00Z (with a fraction when it has one), 42, abc.
    std::string text() const;
    // A time earlier by `span` (the lookback); numbers and text are returned as they are.
    Bookmark minus(std::chrono::seconds span) const;
    // Microseconds since the epoch, for a time; the value, for a number.
    std::int64_t number() const { return m_number; }

    bool operator<(const Bookmark& other) const;
    bool operator==(const Bookmark& other) const;

  private:
    friend class BookmarkFormat;
    Bookmark(BookmarkKind kind, std::int64_t number, std::string text)
        : m_kind(kind), m_number(number), m_text(std::move(text)) {}

    BookmarkKind m_kind;
    std::int64_t m_number = 0;  // a time's microseconds, or the number
    std::string m_text;         // text's value
};

// How a bookmark is sent (`incremental.format`): iso8601 (2026-03-08T02:30:00Z), epoch_s,
// epoch_ms, date (2026-03-08), number, text, or a strftime pattern (one with a '%': %Y%m%d).
class BookmarkFormat {
  public:
    // What is wrong with `format`, or "".
    static std::string problem(const std::string& format);
    explicit BookmarkFormat(std::string format) : m_format(std::move(format)) {}
    BookmarkKind kind() const;
    // A value in this format: what Bookmark::from_text reads, and for a strftime pattern first
    // what the pattern writes (20260308 for %Y%m%d, not epoch seconds).
    std::optional<Bookmark> read(const std::string& text) const;
    // A record's field: a string or a whole number, read as above; nothing for other JSON.
    std::optional<Bookmark> read(JsonValue value) const;
    // Whether it writes a number (epoch_s, epoch_ms, number): a JSON number in a body.
    bool numeric() const;
    // Times are sent to the second, rounded down: a lookback of nothing still re-reads the
    // bookmark's own second, which a merge output makes harmless.
    std::string write(const Bookmark& value) const;

  private:
    std::string m_format;
};

}  // namespace apirunner
