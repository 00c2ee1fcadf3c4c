// The process's terminal output. Log lines, job summaries and the live status lines (one per
// running job, kept at the bottom of stderr) all go through here, so that a line printed while
// status lines are shown is printed above them instead of into them.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <ostream>
#include <string>

namespace apirunner {

class Console {
  public:
    static Console& instance();

    // Status lines are drawn only when this is called with true and stderr is a terminal.
    void enable_status_lines(bool wanted);
    bool status_lines_enabled() const { return m_enabled; }

    // Writes `text` (whole lines) to `stream`, above the status lines.
    void print(std::ostream& stream, const std::string& text);
    // Sets the status line of `key`; redrawn at most ten times a second.
    void set_status(const std::string& key, const std::string& text);
    void drop_status(const std::string& key);

  private:
    void erase_locked();
    void draw_locked();

    std::mutex m_mutex;
    std::atomic<bool> m_enabled{false};  // read without the lock by terminal_progress()
    std::map<std::string, std::string> m_lines;
    std::size_t m_shown = 0;  // status lines on the screen now
    std::chrono::steady_clock::time_point m_drawn;
};

}  // namespace apirunner
