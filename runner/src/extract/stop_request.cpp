#include "extract/stop_request.hpp"

#include <atomic>
#include <csignal>
#include <ctime>

#include <pthread.h>

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

namespace {

sigset_t daemon_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    return set;
}

}  // namespace

void block_daemon_signals() {
    const sigset_t set = daemon_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int wait_for_signal(int milliseconds) {
    const sigset_t set = daemon_signals();
    const timespec timeout{milliseconds / 1000, (milliseconds % 1000) * 1000000L};
    const int signal = sigtimedwait(&set, nullptr, &timeout);
    if (signal <= 0 || signal == SIGHUP) {
        return signal > 0 ? signal : 0;
    }
    if (stop_signal()) {
        std::signal(signal, SIG_DFL);
        pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
        std::raise(signal);
    }
    request_stop(signal);
    return signal;
}

void request_stop(int signal) noexcept { g_stop_signal.store(signal); }

int stop_signal() noexcept { return g_stop_signal.load(); }

const char* signal_name(int signal) noexcept {
    switch (signal) {
        case SIGINT:
            return "SIGINT";
        case SIGTERM:
            return "SIGTERM";
        case SIGHUP:
            return "SIGHUP";
        default:
            return "a signal";
    }
}

}  // namespace apirunner
