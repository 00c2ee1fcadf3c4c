#include "daemon/scheduler.hpp"

namespace apirunner {

Scheduler::Scheduler(const std::vector<JobSpec>& jobs, int max_parallel, Instant now) {
    reload(jobs, max_parallel, now);
}

void Scheduler::reload(const std::vector<JobSpec>& jobs, int max_parallel, Instant now) {
    std::vector<Entry> entries;
    entries.reserve(jobs.size());  // m_ready points into it
    for (const JobSpec& job : jobs) {
        if (job.schedule.empty()) {
            continue;
        }
        Entry entry{&job, Schedule(job.schedule, job.timezone), std::nullopt};
        const Entry* old = find(m_entries, job.name);
        const bool same_times =
            old && old->job->schedule == job.schedule && old->job->timezone == job.timezone;
        entry.next = same_times ? old->next : entry.schedule.next_after(now);
        if (old) {
            entry.running = old->running;
            entry.queued = old->queued && job.on_overlap == OnOverlap::queue;
        }
        if (m_gone_running.erase(job.name) > 0) {
            entry.running = true;  // back in the file while its last run still goes on
        }
        entries.push_back(std::move(entry));
    }
    for (const Entry& old : m_entries) {
        if (old.running && !find(entries, old.job->name)) {
            m_gone_running.insert(old.job->name);
        }
    }
    std::vector<std::string> waiting;
    for (const Entry* entry : m_ready) {
        waiting.push_back(entry->job->name);
    }
    m_entries = std::move(entries);
    m_ready.clear();
    for (const auto& name : waiting) {
        if (Entry* entry = find(m_entries, name)) {
            make_ready(*entry);
        }
    }
    m_max_parallel = static_cast<std::size_t>(max_parallel > 0 ? max_parallel : 1);
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
        } else if (entry.job->on_overlap == OnOverlap::queue && !entry.queued) {
            entry.queued = true;
            notes.push_back("job " + entry.job->name + ": the run due " + due +
                            " waits for the one in progress");
        } else {
            notes.push_back("job " + entry.job->name + ": the run due " + due +
                            " is skipped: the last one has not ended (on_overlap: " +
                            to_string(entry.job->on_overlap) + ")");
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
        if (m_gone_running.erase(job) > 0) {
            --m_running;
        }
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
