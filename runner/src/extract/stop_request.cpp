#include "extract/stop_request.hpp"

#include <atomic>
#include <csignal>

namespace apirunner {
namespace {

std::atomic<int> g_stop_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "set from a signal handler");

void on_signal(int signal) { request_stop(signal); }

}  // namespace

void stop_on_signals() {
    struct sigaction action {};
    action.sa_handler = on_signal;
    action.sa_flags = SA_RESETHAND;  // the second signal gets the default action
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

void request_stop(int signal) noexcept { g_stop_signal.store(signal); }

int stop_signal() noexcept { return g_stop_signal.load(); }

const char* signal_name(int signal) noexcept {
    switch (signal) {
        case SIGINT: return "SIGINT";
        case SIGTERM: return "SIGTERM";
        default: return "a signal";
    }
}

}  // namespace apirunner
