#include "change_stream.hpp"

#include <Poco/NumberParser.h>

#include <algorithm>
#include <ctime>

namespace sandbox {

std::vector<ChangeStream::Entry> ChangeStream::read(std::int64_t& position,
                                                    std::int64_t count) const {
    const Dataset::View view = m_dataset.next_page();
    std::lock_guard<std::mutex> lock(m_mutex);
    std::vector<Entry> entries;
    const auto changes = static_cast<std::int64_t>(m_changes.size());
    while (count > 0) {
        if (position < k_changes_from && position >= view.total) {
            position = k_changes_from;
        } else if (position < k_changes_from) {
            const std::int64_t index = view.index_at(position++);
            if (!m_latest.count(index)) {  // else it comes again where it changed
                entries.push_back({index, m_first_updated + index, 0});
                --count;
            }
        } else if (position - k_changes_from < changes) {
            const auto k = static_cast<std::size_t>(position++ - k_changes_from);
            if (m_latest.at(m_changes[k].index) == k) {
                entries.push_back(m_changes[k]);
                --count;
            }
        } else {
            break;
        }
    }
    if (position < k_changes_from && position >= view.total) {
        position = k_changes_from;  // the first list read whole: the changes come next
    }
    return entries;
}

bool ChangeStream::at_end(std::int64_t position) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return position - k_changes_from >= static_cast<std::int64_t>(m_changes.size());
}

std::int64_t ChangeStream::position_since(std::int64_t time) const {
    if (time < m_first_updated + m_options.records) {
        return std::max<std::int64_t>(0, time - m_first_updated);
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto later = std::find_if(m_changes.begin(), m_changes.end(),
                                    [&](const Entry& entry) { return entry.updated >= time; });
    return k_changes_from + (later - m_changes.begin());
}

std::optional<std::string> ChangeStream::change(Exchange& exchange) {
    Poco::Int64 updated = 0;
    Poco::Int64 added = 0;
    if (!Poco::NumberParser::tryParse64(exchange.query("updated", "0"), updated) ||
        !Poco::NumberParser::tryParse64(exchange.query("added", "0"), added) || updated < 0 ||
        added < 0 || updated > m_options.records) {
        return std::nullopt;
    }
    const std::int64_t now = std::time(nullptr);
    const std::int64_t step = updated ? std::max<std::int64_t>(1, m_options.records / updated) : 1;
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto append = [&](std::int64_t index) {
        const auto latest = m_latest.find(index);
        const int revision = latest != m_latest.end() ? m_changes[latest->second].revision + 1
                             : index < k_added_from   ? 1
                                                      : 0;  // a new record
        m_latest[index] = m_changes.size();
        m_changes.push_back({index, now, revision});
    };
    for (std::int64_t k = 0; k < updated; ++k) {
        append((k * step) % m_options.records);
    }
    for (std::int64_t k = 0; k < added; ++k) {
        append(k_added_from + m_added++);
    }
    return "{\"updated\":" + std::to_string(updated) + ",\"added\":" + std::to_string(added) + "}";
}

}  // namespace sandbox
