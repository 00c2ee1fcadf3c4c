// Which scheduled jobs start now. Each job starts at its times, at most `max_parallel` jobs run
// at once (the rest wait their turn in the order their times came), and a job never runs twice
// at once: a time that comes while the job still runs (or still waits) is skipped, or with
// on_overlap: queue, runs once more when the job ends. Times missed while busy collapse into one.
// No clock and no threads here: the daemon says what time it is and which jobs ended.
#pragma once

#include "config/jobs_config.hpp"
#include "schedule/schedule.hpp"

#include <deque>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace apirunner {

class Scheduler {
  public:
    // The jobs with a schedule; their first times are those after `now`.
    Scheduler(const std::vector<JobSpec>& jobs, int max_parallel, Instant now);

    // Jobs to start now, each counted as running from here. `notes` gets a line for each time
    // skipped or queued behind a run in progress.
    std::vector<const JobSpec*> start_due(Instant now, std::vector<std::string>& notes);
    // A run of `job` ended.
    void finished(const std::string& job);
    // Queues `job` to start as soon as a slot is free (catch_up at start).
    void run_soon(const std::string& job);
    // Takes a new version of the jobs. A job whose schedule stayed keeps its next time; a
    // running job stays running (and holds its slot until it ends, even if it is gone now).
    void reload(const std::vector<JobSpec>& jobs, int max_parallel, Instant now);

    std::size_t scheduled() const { return m_entries.size(); }
    std::size_t running() const { return m_running; }
    // The next time of `job`, or nothing when it has no schedule or no time left.
    std::optional<Instant> next_time(const std::string& job) const;
    // The schedule of `job`, or null when it has none.
    const Schedule* schedule(const std::string& job) const;

  private:
    struct Entry {
        const JobSpec* job;
        Schedule schedule;
        std::optional<Instant> next;
        bool running = false;
        bool waiting = false;  // in m_ready
        bool queued = false;   // one more run when this one ends
    };
    // The entry of `job` in `entries` (m_entries, const or not), or null.
    template <typename Entries>
    static auto find(Entries& entries, const std::string& job) -> decltype(&entries.front());
    void make_ready(Entry& entry);

    std::vector<Entry> m_entries;
    std::deque<Entry*> m_ready;
    std::set<std::string> m_gone_running;  // removed by a reload while running
    std::size_t m_max_parallel = 1;
    std::size_t m_running = 0;
};

}  // namespace apirunner
