#include "extract/page_queue.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

using namespace apirunner;

TEST_CASE(
    "the page queue hands items over in order, holds at most its capacity, and ends on close") {
    PageQueue<int> queue(2);
    std::atomic<int> pushed{0};
    std::thread fetcher([&] {
        for (int i = 1; i <= 5; ++i) {
            REQUIRE(queue.push(i));
            ++pushed;
        }
        queue.close();
    });
    while (pushed < 2) {
        std::this_thread::yield();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK(pushed == 2);  // the third push waits for room
    std::vector<int> taken;
    while (auto item = queue.pop()) {
        taken.push_back(*item);
    }
    fetcher.join();
    CHECK(taken == std::vector<int>{1, 2, 3, 4, 5});
}

TEST_CASE(
    "cancelling the page queue releases a fetcher waiting for room and refuses what comes after") {
    PageQueue<int> queue(1);
    REQUIRE(queue.push(1));
    std::atomic<bool> refused{false};
    std::thread fetcher([&] { refused = !queue.push(2); });
    queue.cancel();
    fetcher.join();
    CHECK(refused);
    CHECK(queue.cancelled());
    CHECK_FALSE(queue.push(3));
}
