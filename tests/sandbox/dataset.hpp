// The records a provider's data endpoint serves, by position. With --total-drift N, N new
// records appear at the front once the first page has been served, as if inserted while a client
// paged: every later page shifts by N (an offset-paging client sees N records twice) and the
// total grows by N. Record indexes: 0..records-1 at the start, then records.. for the new ones.
#pragma once

#include "sandbox_options.hpp"

#include <atomic>
#include <cstdint>

namespace sandbox {

class Dataset {
  public:
    explicit Dataset(const SandboxOptions& options) : m_options(options) {}

    // The state of the data for one page about to be served.
    struct View {
        std::int64_t total;
        std::int64_t inserted;  // records at the front that were not there at first
        // The record index at `position`; position < total.
        std::int64_t index_at(std::int64_t position) const;
    };
    View next_page();

  private:
    const SandboxOptions& m_options;
    std::atomic<std::int64_t> m_pages_served{0};
};

}  // namespace sandbox
