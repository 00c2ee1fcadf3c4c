#include "incremental/incremental_run.hpp"

#include "incremental/incremental_paginator.hpp"
#include "incremental/token_paginator.hpp"

#include <apirunner/error.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace apirunner {

IncrementalRun::IncrementalRun(const IncrementalSpec& spec, const std::string& primary_key)
    : m_spec(spec), m_format(spec.format), m_cursor(JsonPath::parse(spec.cursor)) {
    if (!primary_key.empty()) {
        m_key = JsonPath::parse(primary_key);
    }
}

IncrementalRun::IncrementalRun(const IncrementalSpec& spec, const std::string& primary_key,
                               const std::optional<std::string>& bookmark,
                               const RangeRequest& asked, Instant now)
    : IncrementalRun(spec, primary_key) {
    m_full_refresh = asked.full_refresh;
    m_moves_bookmark = asked.since.empty() && asked.until.empty();
    if (spec.by_token() && asked.since.empty() && !asked.full_refresh) {
        m_token_start = bookmark;  // the provider's own text, sent back as it is
    }
    const auto stored = bookmark && !asked.full_refresh && !spec.by_token()
                            ? value_of(*bookmark,
                                       "the stored bookmark (`apirunner state reset` "
                                       "clears it)")
                            : std::nullopt;
    if (m_format.kind() == BookmarkKind::time) {
        m_started = Bookmark::at(now);
    }
    if (!asked.since.empty()) {
        m_from = value_of(asked.since, "--since");
    } else if (stored) {
        m_from = stored->minus(std::chrono::seconds(m_spec.lookback_s));
    } else if (m_token_start) {
        // the token says where the walk starts
    } else if (const auto span = parse_span(m_spec.start);
               span && m_format.kind() == BookmarkKind::time) {
        m_from = Bookmark::at(now - *span);
    } else if (!m_spec.start.empty()) {
        m_from = value_of(m_spec.start, "incremental.start");
    }
    if (!asked.until.empty()) {
        m_to = value_of(asked.until, "--until");
    } else if (!m_spec.end_param.empty()) {
        m_to = m_started;  // end_param takes a time format only
    }
}

IncrementalRun::IncrementalRun(const IncrementalSpec& spec, const std::string& primary_key,
                               const std::string& saved)
    : IncrementalRun(spec, primary_key) {
    try {
        const auto object = Poco::JSON::Parser().parse(saved).extract<Poco::JSON::Object::Ptr>();
        const auto read = [&](const char* name) -> std::optional<Bookmark> {
            return object->has(name)
                       ? value_of(object->getValue<std::string>(name), "the checkpoint")
                       : std::nullopt;
        };
        m_from = read("from");
        m_to = read("to");
        m_highest = read("highest");
        m_started = read("started");
        if (object->has("token_start")) {
            m_token_start = object->getValue<std::string>("token_start");
        }
        m_moves_bookmark = object->getValue<bool>("moves_bookmark");
        m_full_refresh = object->getValue<bool>("full_refresh");
        // Taken up after a kill: only what was seen before it is sure to be whole (the pages
        // after it may have shifted while no one read them), whatever comes after.
        m_resume_cap = object->optValue<bool>("resumed", false) ? read("resume_cap") : m_highest;
        m_resumed = true;
    } catch (const Poco::Exception&) {
        throw Error(ErrorKind::config, "the checkpoint's incremental range is damaged ('" + saved +
                                           "'); run again with --full-refresh");
    }
}

std::optional<Bookmark> IncrementalRun::value_of(const std::string& text,
                                                 const std::string& what) const {
    if (auto value = m_format.read(text)) {
        return value;
    }
    throw Error(
        ErrorKind::config,
        what + " '" + text + "' is not a value of incremental.format " + m_spec.format +
            (m_format.kind() == BookmarkKind::time ? " (a time such as 2026-03-08T00:00:00Z)"
                                                   : ""));
}

const char* IncrementalRun::kind_name() const {
    switch (m_format.kind()) {
        case BookmarkKind::time:
            return "a time";
        case BookmarkKind::number:
            return "a whole number";
        case BookmarkKind::text:
            break;
    }
    return "text";
}

std::string IncrementalRun::save() const {
    Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& [name, value] :
         {std::pair<const char*, const std::optional<Bookmark>&>("from", m_from),
          {"to", m_to},
          {"highest", m_highest}}) {
        if (value) {
            object.set(name, value->text());
        }
    }
    if (m_started) {
        object.set("started", m_started->text());
    }
    save_optional(object, "token_start", m_token_start);
    if (m_resumed) {
        object.set("resumed", true);
        if (m_resume_cap) {
            object.set("resume_cap", m_resume_cap->text());
        }
    }
    object.set("moves_bookmark", m_moves_bookmark);
    object.set("full_refresh", m_full_refresh);
    std::ostringstream text;
    object.stringify(text);
    return text.str();
}

bool IncrementalRun::windowed() const { return m_spec.window_s > 0 && m_from && m_to; }

PageParams IncrementalRun::params() const {
    const Inject where = inject_named(m_spec.inject);
    if (m_spec.by_token()) {  // the lower bound goes with the first page only (TokenPaginator)
        if (m_token_start && !m_spec.token_param.empty()) {
            return {{m_spec.token_param, *m_token_start, false, where}};
        }
        return {};
    }
    if (windowed()) {
        return {};  // each window's bounds come with its pages (IncrementalPaginator)
    }
    PageParams params;
    if (m_from && !m_spec.param.empty()) {
        params.push_back({m_spec.param, m_format.write(*m_from), m_format.numeric(), where});
    }
    if (m_to) {
        params.push_back({m_spec.end_param, m_format.write(*m_to), m_format.numeric(), where});
    }
    return params;
}

std::unique_ptr<Paginator> IncrementalRun::paginator(const PagingSpec& paging) const {
    if (m_spec.by_token()) {
        PageParams first;
        if (m_from && !m_spec.param.empty()) {
            first.push_back({m_spec.param, m_format.write(*m_from), m_format.numeric(),
                             inject_named(m_spec.inject)});
        }
        return std::make_unique<TokenPaginator>(
            paging, m_spec, m_spec.token_param.empty() ? m_token_start : std::nullopt,
            std::move(first));
    }
    if (windowed() || m_spec.descending) {
        return std::make_unique<IncrementalPaginator>(paging, m_spec, m_from,
                                                      windowed() ? m_to : std::nullopt);
    }
    return make_paginator(paging);
}

std::vector<std::string> IncrementalRun::see(const std::vector<Record>& records) {
    std::vector<std::string> unreadable;
    if (m_spec.by_token()) {
        return unreadable;  // the bookmark comes from the last page, not the records
    }
    for (const Record& record : records) {
        const auto value = find_path(record.object, m_cursor);
        const auto bookmark = value ? m_format.read(*value) : std::nullopt;
        if (bookmark) {
            if (!m_highest || *m_highest < *bookmark) {
                m_highest = bookmark;
            }
            continue;
        }
        const auto key = m_key ? position_text(find_path(record.object, *m_key)) : std::nullopt;
        unreadable.push_back((key ? "record " + *key : std::string("a record without a key")) +
                             ": " +
                             (value ? "'" + m_spec.cursor + "' is not " + kind_name() + " (" +
                                          simdjson::minify(*value).substr(0, 60) + ")"
                                    : "no '" + m_spec.cursor + "'"));
    }
    return unreadable;
}

std::optional<std::string> IncrementalRun::next_bookmark(const std::optional<std::string>& current,
                                                         const std::string& last_position) const {
    if (m_spec.by_token()) {
        const auto token =
            m_moves_bookmark ? TokenPaginator::token_in(last_position) : std::nullopt;
        return token && (m_full_refresh || token != current) ? token : std::nullopt;
    }
    if (!m_moves_bookmark || !m_highest || (m_resumed && !m_resume_cap)) {
        return std::nullopt;
    }
    // Never past the run's start (a record stamped in the future, an edit made while the run
    // walked), nor past what a resumed run had seen before its kill.
    Bookmark next = *m_highest;
    for (const auto& cap : {m_started, m_resumed ? m_resume_cap : std::nullopt}) {
        if (cap && *cap < next) {
            next = *cap;
        }
    }
    const auto stored = current && !m_full_refresh ? m_format.read(*current) : std::nullopt;
    if (stored && !(*stored < next)) {
        return std::nullopt;
    }
    return next.text();
}

std::string IncrementalRun::describe() const {
    if (m_token_start) {
        return "what changed since the stored token";
    }
    if (!m_from && !m_to) {
        return "everything";
    }
    const std::string from_name = m_spec.param.empty() ? "down to" : m_spec.param;
    return (m_from ? from_name + " " + m_from->text() : std::string()) +
           (m_from && m_to ? ", " : "") + (m_to ? m_spec.end_param + " " + m_to->text() : "");
}

}  // namespace apirunner
