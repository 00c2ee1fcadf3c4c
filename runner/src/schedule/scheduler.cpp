#include "schedule/scheduler.hpp"

namespace apirunner {

Scheduler::Scheduler(const std::vector<JobSpec>& jobs, int max_parallel, Instant now)
    : m_max_parallel(static_cast<std::size_t>(max_parallel > 0 ? max_parallel : 1)) {
    m_entries.reserve(jobs.size());  // m_ready points into it
    for (const JobSpec& job : jobs) {
        if (!job.schedule.empty()) {
            Schedule schedule(job.schedule, job.timezone);
            const auto next = schedule.next_after(now);
            m_entries.push_back(Entry{&job, std::move(schedule), next});
        }
    }
}

template <typename Entries>
auto Scheduler::find(Entries& entries, const std::string& job) -> decltype(&entries.front()) {
    for (auto& entry : entries) {
        if (entry.job->name == job) {
            return &entry;
        }
    }
    return nullptr;
}

void Scheduler::make_ready(Entry& entry) {
    entry.waiting = true;
    m_ready.push_back(&entry);
}

std::vector<const JobSpec*> Scheduler::start_due(Instant now, std::vector<std::string>& notes) {
    for (Entry& entry : m_entries) {
        if (!entry.next || *entry.next > now) {
            continue;
        }
        const std::string due = entry.schedule.wall_clock(*entry.next);
        if (!entry.running && !entry.waiting) {
            make_ready(entry);
        } else if (entry.job->on_overlap == "queue" && !entry.queued) {
            entry.queued = true;
            notes.push_back("job " + entry.job->name + ": the run due " + due + " waits for the one in progress");
        } else {
            notes.push_back("job " + entry.job->name + ": the run due " + due +
                            " is skipped: the last one has not ended (on_overlap: " + entry.job->on_overlap + ")");
        }
        entry.next = entry.schedule.next_after(now);
    }
    std::vector<const JobSpec*> starting;
    while (m_running < m_max_parallel && !m_ready.empty()) {
        Entry* entry = m_ready.front();
        m_ready.pop_front();
        entry->waiting = false;
        entry->running = true;
        ++m_running;
        starting.push_back(entry->job);
    }
    return starting;
}

void Scheduler::finished(const std::string& job) {
    Entry* entry = find(m_entries, job);
    if (!entry || !entry->running) {
        return;
    }
    entry->running = false;
    --m_running;
    if (entry->queued) {
        entry->queued = false;
        make_ready(*entry);
    }
}

void Scheduler::run_soon(const std::string& job) {
    Entry* entry = find(m_entries, job);
    if (entry && !entry->running && !entry->waiting) {
        make_ready(*entry);
    }
}

std::optional<Instant> Scheduler::next_time(const std::string& job) const {
    const Entry* entry = find(m_entries, job);
    return entry ? entry->next : std::nullopt;
}

const Schedule* Scheduler::schedule(const std::string& job) const {
    const Entry* entry = find(m_entries, job);
    return entry ? &entry->schedule : nullptr;
}

}  // namespace apirunner
