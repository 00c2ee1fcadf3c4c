#include "extract/job_outputs.hpp"

#include <algorithm>

namespace apirunner {

JobOutputs::JobOutputs(const JobsConfig& config, const JobSpec& job, const RunInfo& run) {
    for (const auto& output : job.outputs) {
        m_sinks.push_back(make_sink(config.sinks.at(output.sink), output, job.record_shape(), run));
    }
}

void JobOutputs::start() {
    for (auto& sink : m_sinks) {
        sink->start();
    }
}

bool JobOutputs::resume(const Checkpoint& checkpoint) {
    for (std::size_t i = 0; i < m_sinks.size(); ++i) {
        const auto& positions = checkpoint.sink_positions;
        const SinkCheckpoint mine{i < positions.size() ? positions[i] : "", checkpoint.pages,
                                  checkpoint.finishing};
        if (!m_sinks[i]->resume(mine)) {
            return false;
        }
    }
    return true;
}

void JobOutputs::write_page(const std::vector<Record>& records, std::int64_t page) {
    for (auto& sink : m_sinks) {
        sink->write_page(records, page);
    }
}

void JobOutputs::sync() {
    for (auto& sink : m_sinks) {
        sink->sync();
    }
}

std::vector<std::string> JobOutputs::positions() const {
    std::vector<std::string> positions;
    for (const auto& sink : m_sinks) {
        positions.push_back(sink->position());
    }
    return positions;
}

std::vector<std::string> JobOutputs::finish() {
    std::vector<std::string> described;
    for (auto& sink : m_sinks) {
        sink->finish();
        described.push_back(sink->describe());
    }
    return described;
}

void JobOutputs::discard() noexcept {
    for (auto& sink : m_sinks) {
        sink->discard();
    }
}

std::optional<std::int64_t> JobOutputs::distinct_keys() {
    std::optional<std::int64_t> fewest;
    for (auto& sink : m_sinks) {
        if (auto keys = sink->distinct_keys()) {
            fewest = std::min(fewest.value_or(*keys), *keys);
        }
    }
    return fewest;
}

RunInfo run_of(const Checkpoint& checkpoint) {
    return RunInfo{checkpoint.job, checkpoint.run_id, checkpoint.extracted_at, checkpoint.date};
}

}  // namespace apirunner
