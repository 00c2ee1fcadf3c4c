#include "incremental/bookmark.hpp"

#include <date/date.h>

#include <Poco/NumberParser.h>

#include <sstream>

namespace apirunner {
namespace {

using Micros = date::sys_time<std::chrono::microseconds>;

constexpr std::int64_t k_epoch_ms_threshold = 1'000'000'000'000;  // larger is in milliseconds
constexpr std::int64_t k_longest_epoch_s = 253'402'300'799;       // 9999-12-31T23:59:59Z

// GCC 12 warns inside date.h's parse (its seconds field) when it is inlined with a format known
// only at run time: a warning about the library's code, not this file's.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
std::optional<Micros> parse_as(const std::string& text, const std::string& format) {
    std::istringstream in(text);
    Micros at;
    in >> date::parse(format, at);
    if (in.fail() || in.peek() != std::char_traits<char>::eof()) {
        return std::nullopt;
    }
    return at;
}
#pragma GCC diagnostic pop

// Fractions past the microsecond (.1234567, as .NET and Go write them) cut to it, and a lower
// case zone letter read as Z.
std::string normalized(std::string text) {
    const std::size_t dot = text.find('.');
    if (dot != std::string::npos) {
        const std::size_t digits_end = text.find_first_not_of("0123456789", dot + 1);
        const std::size_t digits =
            (digits_end == std::string::npos ? text.size() : digits_end) - dot - 1;
        if (digits > 6 && digits <= 9) {
            text.erase(dot + 7, digits - 6);
        }
    }
    if (!text.empty() && text.back() == 'z') {
        text.back() = 'Z';
    }
    return text;
}

std::optional<Micros> parse_time(const std::string& written) {
    const std::string text = normalized(written);
    for (const char* format : {"%FT%TZ", "%FT%T%Ez", "%FT%T%z", "%F %T", "%FT%T", "%F"}) {
        if (auto at = parse_as(text, format)) {
            return at;
        }
    }
    return std::nullopt;
}

// Epoch seconds, or milliseconds past 10^12, as microseconds; nothing out of range.
std::optional<std::int64_t> epoch_micros(std::int64_t number) {
    const std::int64_t seconds = number > k_epoch_ms_threshold ? number / 1000 : number;
    if (seconds < 0 || seconds > k_longest_epoch_s) {
        return std::nullopt;
    }
    return number > k_epoch_ms_threshold ? number * 1000 : number * 1'000'000;
}

std::optional<std::int64_t> whole_number(const std::string& text) {
    Poco::Int64 number = 0;
    if (text.empty() || !Poco::NumberParser::tryParse64(text, number)) {
        return std::nullopt;
    }
    return number;
}

}  // namespace

std::optional<Bookmark> Bookmark::from_text(const std::string& text, BookmarkKind kind) {
    if (kind == BookmarkKind::text) {
        return text.empty() ? std::nullopt : std::optional<Bookmark>(Bookmark(kind, 0, text));
    }
    const auto number = whole_number(text);
    if (kind == BookmarkKind::number) {
        return number ? std::optional<Bookmark>(Bookmark(kind, *number, "")) : std::nullopt;
    }
    if (number) {
        const auto micros = epoch_micros(*number);
        return micros ? std::optional<Bookmark>(Bookmark(kind, *micros, "")) : std::nullopt;
    }
    const auto at = parse_time(text);
    if (!at) {
        return std::nullopt;
    }
    return Bookmark(kind, at->time_since_epoch().count(), "");
}

Bookmark Bookmark::at(date::sys_seconds at) {
    return Bookmark(BookmarkKind::time, at.time_since_epoch().count() * 1'000'000, "");
}

std::optional<Bookmark> BookmarkFormat::read(const std::string& text) const {
    if (m_format.find('%') != std::string::npos) {
        if (const auto at = parse_as(text, m_format)) {
            return Bookmark(BookmarkKind::time, at->time_since_epoch().count(), "");
        }
    }
    return Bookmark::from_text(text, kind());
}

std::optional<Bookmark> BookmarkFormat::read(JsonValue value) const {
    std::string_view text;
    if (value.get(text) == simdjson::SUCCESS) {
        return read(std::string(text));
    }
    std::int64_t number = 0;
    if (value.get(number) == simdjson::SUCCESS) {
        return read(std::to_string(number));
    }
    return std::nullopt;  // a fraction, a boolean, null, an object: not a cursor
}

std::string Bookmark::text() const {
    switch (m_kind) {
        case BookmarkKind::text:
            return m_text;
        case BookmarkKind::number:
            return std::to_string(m_number);
        case BookmarkKind::time:
            break;
    }
    const Micros at{std::chrono::microseconds(m_number)};
    return m_number % 1'000'000 == 0 ? date::format("%FT%TZ", date::floor<std::chrono::seconds>(at))
                                     : date::format("%FT%TZ", at);
}

Bookmark Bookmark::minus(std::chrono::seconds span) const {
    if (m_kind != BookmarkKind::time) {
        return *this;
    }
    return Bookmark(m_kind, m_number - span.count() * 1'000'000, "");
}

bool Bookmark::operator<(const Bookmark& other) const {
    return m_kind == BookmarkKind::text ? m_text < other.m_text : m_number < other.m_number;
}

bool Bookmark::operator==(const Bookmark& other) const {
    return m_kind == other.m_kind && m_number == other.m_number && m_text == other.m_text;
}

std::string BookmarkFormat::problem(const std::string& format) {
    for (const char* known : {"iso8601", "epoch_s", "epoch_ms", "date", "number", "text"}) {
        if (format == known) {
            return "";
        }
    }
    if (format.find('%') != std::string::npos) {
        // A pattern must read back what it writes, or no record could be compared with it.
        const auto sample = Bookmark::from_text("2026-03-08T01:30:00Z", BookmarkKind::time);
        try {
            if (parse_as(BookmarkFormat(format).write(*sample), format)) {
                return "";
            }
        } catch (const std::exception&) {
            // date::format refuses what it cannot write: the message below says it
        }
        return "is a strftime pattern that cannot read back what it writes: '" + format + "'";
    }
    return "must be iso8601, epoch_s, epoch_ms, date, number, text or a strftime pattern with a "
           "'%' (%Y%m%d), not '" +
           format + "'";
}

BookmarkKind BookmarkFormat::kind() const {
    return m_format == "number" ? BookmarkKind::number
           : m_format == "text" ? BookmarkKind::text
                                : BookmarkKind::time;
}

bool BookmarkFormat::numeric() const {
    return m_format == "epoch_s" || m_format == "epoch_ms" || m_format == "number";
}

std::string BookmarkFormat::write(const Bookmark& value) const {
    if (value.kind() != BookmarkKind::time) {
        return value.text();
    }
    const auto second =
        date::floor<std::chrono::seconds>(Micros{std::chrono::microseconds(value.number())});
    const std::int64_t epoch_s = second.time_since_epoch().count();
    if (m_format == "epoch_s") {
        return std::to_string(epoch_s);
    }
    if (m_format == "epoch_ms") {
        return std::to_string(value.number() / 1000);
    }
    if (m_format == "date") {
        return date::format("%F", second);
    }
    return date::format(m_format == "iso8601" ? std::string("%FT%TZ") : m_format, second);
}

}  // namespace apirunner
