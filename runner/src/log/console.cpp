#include "log/console.hpp"

#include <sys/ioctl.h>
#include <unistd.h>
#include <iostream>

namespace apirunner {
namespace {

constexpr auto k_redraw_every = std::chrono::milliseconds(100);

std::size_t terminal_width() {
    winsize size{};
    return ::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0 ? size.ws_col : 80;
}

}  // namespace

Console& Console::instance() {
    static Console console;
    return console;
}

void Console::enable_status_lines(bool wanted) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_enabled = wanted && ::isatty(STDERR_FILENO) == 1;
}

void Console::print(std::ostream& stream, const std::string& text) {
    std::lock_guard<std::mutex> lock(m_mutex);
    erase_locked();
    stream << text << std::flush;
    draw_locked();
}

void Console::set_status(const std::string& key, const std::string& text) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_enabled) {
        return;
    }
    const bool added = m_lines.count(key) == 0;
    m_lines[key] = text;
    if (added || std::chrono::steady_clock::now() - m_drawn >= k_redraw_every) {
        erase_locked();
        draw_locked();
    }
}

void Console::drop_status(const std::string& key) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_lines.erase(key) > 0) {
        erase_locked();
        draw_locked();
    }
}

// Up one line and clear it, once per status line shown: the cursor is below the last one.
void Console::erase_locked() {
    for (; m_shown > 0; --m_shown) {
        std::cerr << "\x1b[1A\x1b[2K";
    }
    std::cerr << std::flush;
}

void Console::draw_locked() {
    if (!m_enabled) {
        return;
    }
    const std::size_t width =
        terminal_width() - 1;  // a full-width line would wrap on some terminals
    for (const auto& [key, text] : m_lines) {
        std::cerr << "\r" << text.substr(0, width) << "\n";
        ++m_shown;
    }
    std::cerr << std::flush;
    m_drawn = std::chrono::steady_clock::now();
}

}  // namespace apirunner
