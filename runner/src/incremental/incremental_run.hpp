// One run of an incremental job: the range it asks for, decided when the run begins and kept in
// its checkpoint (a resumed run asks for the same range, so its pages line up), and the highest
// cursor value its records carried, which becomes the job's bookmark once the run succeeds and
// its outputs are published (extract/job_run).
#pragma once

#include "incremental/bookmark.hpp"
#include "incremental/incremental_spec.hpp"
#include "paging/paginator.hpp"
#include "schedule/instant.hpp"
#include "sinks/sink.hpp"

#include <optional>
#include <string>
#include <vector>

namespace apirunner {

// What the command line asks of a run's range.
struct RangeRequest {
    std::string since;          // --since: a one-off lower bound; the bookmark stays where it is
    std::string until;          // --until: a one-off upper bound, likewise
    bool full_refresh = false;  // from `start` again; the bookmark becomes what this run sees
};

class IncrementalRun {
  public:
    // A new run: from --since, else the bookmark less the lookback, else `start` (a span is
    // back from `now`), else no lower bound; to --until, else `now` when end_param is set.
    // Throws Error(config) for a --since or --until, or a stored bookmark, that is not a value
    // of the job's format.
    // `primary_key` ("" for none) names a record in a warning.
    IncrementalRun(const IncrementalSpec& spec, const std::string& primary_key,
                   const std::optional<std::string>& bookmark, const RangeRequest& asked,
                   Instant now);
    // A resumed run, from what save() wrote. Throws Error(config) when `saved` is not that.
    IncrementalRun(const IncrementalSpec& spec, const std::string& primary_key,
                   const std::string& saved);

    std::string save() const;
    // The range's values, to go with every page request (none when windows carry them).
    PageParams params() const;
    // The walk: the job's paging kind, in windows or with a stop for descending lists when the
    // block asks for them (incremental_paginator.hpp).
    std::unique_ptr<Paginator> paginator(const PagingSpec& paging) const;
    // Raises the mark with each record's cursor. Returns what could not be read, one line a
    // record ("id 42: no usable 'updated_at'"), for the run's warnings. Nothing for a token.
    std::vector<std::string> see(const std::vector<Record>& records);
    // The bookmark once the run succeeded: the highest value seen, capped at the run's start
    // and, for a run taken up after a kill, at the highest seen before it; when that is past
    // `current` (or after a full refresh). For a token, the token of the last page, whose
    // position `last_position` is (the checkpoint's paging). Nothing when the bookmark stays (a
    // --since range, nothing newer, a last page without a token).
    std::optional<std::string> next_bookmark(const std::optional<std::string>& current,
                                             const std::string& last_position) const;
    // "since 2026-03-08T00:00:00Z" or "everything", for the log.
    std::string describe() const;
    bool moves_bookmark() const { return m_moves_bookmark; }

  private:
    IncrementalRun(const IncrementalSpec& spec, const std::string& primary_key);
    bool windowed() const;
    const char* kind_name() const;  // "a time", "a number", "text"
    std::optional<Bookmark> value_of(const std::string& text, const std::string& what) const;

    const IncrementalSpec& m_spec;
    BookmarkFormat m_format;
    JsonPath m_cursor;
    std::optional<JsonPath> m_key;  // the job's primary key, to name a record in a warning
    std::optional<Bookmark> m_from;
    std::optional<Bookmark> m_to;
    bool m_moves_bookmark = true;
    bool m_full_refresh = false;
    std::optional<Bookmark> m_highest;
    std::optional<Bookmark> m_started;         // the run's start, for a time: the bookmark's cap
    bool m_resumed = false;                    // taken up from a checkpoint
    std::optional<Bookmark> m_resume_cap;      // the highest seen before the first kill
    std::optional<std::string> m_token_start;  // the stored token this run starts from
};

}  // namespace apirunner
