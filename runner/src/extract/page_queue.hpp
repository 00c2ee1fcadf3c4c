// Pages handed from the thread that fetches them to the thread that writes them. At most
// `capacity` wait, so memory holds a few pages however far ahead the fetching gets. Thread-safe:
// one thread pushes and closes, another pops and may cancel.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace apirunner {

template <typename T>
class PageQueue {
  public:
    explicit PageQueue(std::size_t capacity) : m_capacity(capacity) {}

    // Waits for room. False when the writer gave up (cancel): the item is dropped.
    bool push(T item) {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_changed.wait(lock, [&] { return m_cancelled || m_items.size() < m_capacity; });
        if (m_cancelled) {
            return false;
        }
        m_items.push_back(std::move(item));
        m_changed.notify_all();
        return true;
    }

    // The next item; nothing once the fetcher closed the queue and every item was taken.
    std::optional<T> pop() {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_changed.wait(lock, [&] { return m_closed || !m_items.empty(); });
        if (m_items.empty()) {
            return std::nullopt;
        }
        std::optional<T> item(std::move(m_items.front()));
        m_items.pop_front();
        m_changed.notify_all();
        return item;
    }

    // The fetcher's end: no more items will come.
    void close() {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_closed = true;
        m_changed.notify_all();
    }

    // The writer's end: it takes nothing more, so the fetcher should stop.
    void cancel() {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_cancelled = true;
        m_items.clear();
        m_changed.notify_all();
    }

    bool cancelled() const {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_cancelled;
    }

  private:
    const std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<T> m_items;
    bool m_closed = false;
    bool m_cancelled = false;
};

}  // namespace apirunner
