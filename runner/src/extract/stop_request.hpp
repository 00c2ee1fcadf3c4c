// A stop asked for from outside (SIGINT, SIGTERM): the job loop ends after the page in hand,
// checkpoints it, and the run exits 75 so that the next one resumes. A second signal ends the
// process at once, as it would without apirunner's handler.
#pragma once

namespace apirunner {

// Routes SIGINT and SIGTERM to request_stop, once each.
void stop_on_signals();
void request_stop(int signal) noexcept;
// The signal that asked for the stop, or 0.
int stop_signal() noexcept;
// "SIGTERM", "SIGINT", ...
const char* signal_name(int signal) noexcept;

}  // namespace apirunner
