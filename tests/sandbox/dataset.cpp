#include "dataset.hpp"

namespace sandbox {

std::int64_t Dataset::View::index_at(std::int64_t position) const {
    const std::int64_t originals = total - inserted;
    return position < inserted ? originals + position : position - inserted;
}

Dataset::View Dataset::next_page() {
    const bool drifted = m_pages_served.fetch_add(1) > 0 && m_options.faults.total_drift > 0;
    const std::int64_t inserted = drifted ? m_options.faults.total_drift : 0;
    return View{m_options.records + inserted, inserted};
}

}  // namespace sandbox
