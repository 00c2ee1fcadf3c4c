// The records of an API that exports changes in the order they happened (Zendesk's incremental
// export, Microsoft Graph's delta query): the first list (the Dataset's records, in order), then
// every change made since, where a record changed later leaves its place and comes again at the
// end. A position in the stream is what such an API's cursor or token stands for: read from the
// position a last page gave, the stream holds every record changed since, and only those.
// Thread-safe.
#pragma once

#include "dataset.hpp"
#include "exchange.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace sandbox {

class ChangeStream {
  public:
    struct Entry {
        std::int64_t index;    // the record: 0.. for the first list's, k_added_from.. for new ones
        std::int64_t updated;  // epoch seconds
        int revision;          // how many times it was edited
    };
    static constexpr std::int64_t k_added_from = 1'000'000'000;

    // `first_updated`: when the first list's record 0 was updated; record i, i seconds later.
    ChangeStream(const SandboxOptions& options, std::int64_t first_updated)
        : m_options(options), m_first_updated(first_updated) {}

    // Up to `count` records from `position` on, skipping those changed later; moves `position`
    // past what it read.
    std::vector<Entry> read(std::int64_t& position, std::int64_t count) const;
    bool at_end(std::int64_t position) const;
    // The first position whose update is at or after `time` (epoch seconds).
    std::int64_t position_since(std::int64_t time) const;
    // The sandbox's changes request (?updated=K&added=N): edits K records spread over the first
    // list and adds N, all updated now. Returns the answer's JSON, or nothing, changing nothing,
    // when the counts are not counts or K is more than the first list holds.
    std::optional<std::string> change(Exchange& exchange);

  private:
    // Positions of changes start here, after any first list.
    static constexpr std::int64_t k_changes_from = 1'000'000'000'000;

    const SandboxOptions& m_options;
    const std::int64_t m_first_updated;
    mutable Dataset m_dataset{m_options};
    mutable std::mutex m_mutex;
    std::vector<Entry> m_changes;                  // in stream order
    std::map<std::int64_t, std::size_t> m_latest;  // record index: its latest change
    std::int64_t m_added = 0;
};

}  // namespace sandbox
