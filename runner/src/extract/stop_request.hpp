// A stop asked for from outside (SIGINT, SIGTERM): the job loop ends after the page in hand,
// checkpoints it, and the run exits 75 so that the next one resumes. A second signal ends the
// process at once, as it would without apirunner's handler.
#pragma once

namespace apirunner {

// Routes SIGINT and SIGTERM to request_stop, once each.
void stop_on_signals();

// For a process with threads (the daemon): SIGINT, SIGTERM and SIGHUP are blocked in the calling
// thread and in every thread it starts from now on, so no system call of a job's thread is cut
// short; the calling thread takes them with wait_for_signal instead.
void block_daemon_signals();
// Waits up to `milliseconds` for SIGINT, SIGTERM or SIGHUP and returns it (0 when none came).
// The first SIGINT or SIGTERM requests a stop, a second one ends the process with that signal's
// default action. SIGHUP, which asks for the configuration to be read again, is only returned.
int wait_for_signal(int milliseconds);
void request_stop(int signal) noexcept;
// The signal that asked for the stop, or 0.
int stop_signal() noexcept;
// "SIGTERM", "SIGINT", ...
const char* signal_name(int signal) noexcept;

}  // namespace apirunner
