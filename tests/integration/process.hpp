// Runs the real binaries for integration tests: a finished command with its output, or a
// long-lived sandbox on a free loopback port. Nothing here may hang a test run: every wait has
// a deadline, after which the process is killed and the test fails.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace itest {

struct Finished {
    int exit_code = -1;
    std::string out;
    std::string err;
    bool timed_out = false;
};

// Runs `program` with `args` in `cwd`, adding `env` to this process's environment.
Finished run(const std::string& program, const std::vector<std::string>& args,
             const std::string& cwd, const std::map<std::string, std::string>& env = {},
             int timeout_s = 120);

// A process still running: its stdout read line by line, its stdin written to. The destructor
// kills it if it is still there.
class Running {
  public:
    Running(const std::string& program, const std::vector<std::string>& args,
            const std::string& cwd);
    ~Running();
    // The first stdout line containing `needle` (read so far or arriving within the timeout),
    // or "" when none came.
    std::string line_with(const std::string& needle, int timeout_s);
    void write(const std::string& text);
    // Sends `number` (SIGKILL, SIGTERM, ...) to the process.
    void signal(int number);
    // Waits for the exit; the output is what had not been read yet.
    Finished wait(int timeout_s);

  private:
    int m_pid = -1;
    int m_in = -1;
    int m_out = -1;
    int m_err = -1;
    std::string m_pending;  // stdout read but not yet handed out
};

// apirunner-sandbox on 127.0.0.1, any free port. Its stderr (the event log) is collected.
class Sandbox {
  public:
    explicit Sandbox(const std::vector<std::string>& args = {});
    ~Sandbox();
    int port() const { return m_port; }
    std::string url(const std::string& path) const;
    std::string log() const;
    // How many event lines contain `text`.
    int count(const std::string& text) const;

  private:
    int m_pid = -1;
    int m_port = 0;
    int m_err_fd = -1;
    mutable std::mutex m_mutex;
    std::string m_log;
    std::thread m_reader;
};

// The status of a form POST to `url` (the sandbox's own endpoints: a token revocation, say),
// and the answer's body in `answer` when given.
int post_form(const std::string& url, const std::string& body, std::string* answer = nullptr);

}  // namespace itest
