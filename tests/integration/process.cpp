#include "process.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/URI.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <stdexcept>

namespace itest {
namespace {

int spawn(const std::string& program, const std::vector<std::string>& args, const std::string& cwd,
          const std::map<std::string, std::string>& env, int out_fd[2], int err_fd[2]) {
    std::vector<std::string> argv_text = {program};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    const pid_t pid = ::fork();
    if (pid < 0) {
        throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    }
    if (pid == 0) {
        ::dup2(out_fd[1], 1);
        ::dup2(err_fd[1], 2);
        ::close(out_fd[0]);
        ::close(err_fd[0]);
        if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) {
            ::_exit(126);
        }
        for (const auto& [name, value] : env) {
            ::setenv(name.c_str(), value.c_str(), 1);
        }
        std::vector<char*> argv;
        for (auto& text : argv_text) {
            argv.push_back(text.data());
        }
        argv.push_back(nullptr);
        ::execv(program.c_str(), argv.data());
        ::_exit(127);
    }
    ::close(out_fd[1]);
    ::close(err_fd[1]);
    return pid;
}

}  // namespace

Finished run(const std::string& program, const std::vector<std::string>& args,
             const std::string& cwd, const std::map<std::string, std::string>& env, int timeout_s) {
    int out_fd[2];
    int err_fd[2];
    if (::pipe2(out_fd, O_CLOEXEC) != 0 || ::pipe2(err_fd, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    const pid_t pid = spawn(program, args, cwd, env, out_fd, err_fd);
    Finished finished;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
    pollfd fds[2] = {{out_fd[0], POLLIN, 0}, {err_fd[0], POLLIN, 0}};
    std::string* sinks[2] = {&finished.out, &finished.err};
    int open_fds = 2;
    while (open_fds > 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            finished.timed_out = true;
            ::kill(pid, SIGKILL);
            break;
        }
        if (::poll(fds, 2, static_cast<int>(left.count())) < 0 && errno != EINTR) {
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
                char buffer[65536];
                const ssize_t got = ::read(fds[i].fd, buffer, sizeof buffer);
                if (got > 0) {
                    sinks[i]->append(buffer, static_cast<std::size_t>(got));
                } else {
                    ::close(fds[i].fd);
                    fds[i].fd = -1;
                    --open_fds;
                }
            }
        }
    }
    for (auto& fd : fds) {
        if (fd.fd >= 0) {
            ::close(fd.fd);
        }
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    finished.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return finished;
}

Running::Running(const std::string& program, const std::vector<std::string>& args,
                 const std::string& cwd) {
    int in_fd[2];
    int out_fd[2];
    int err_fd[2];
    if (::pipe2(in_fd, O_CLOEXEC) != 0 || ::pipe2(out_fd, O_CLOEXEC) != 0 ||
        ::pipe2(err_fd, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(in_fd[0], 0);
        ::close(in_fd[1]);
        ::dup2(out_fd[1], 1);
        ::dup2(err_fd[1], 2);
        if (::chdir(cwd.c_str()) != 0) {
            ::_exit(126);
        }
        std::vector<std::string> text = {program};
        text.insert(text.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& arg : text) {
            argv.push_back(arg.data());
        }
        argv.push_back(nullptr);
        ::execv(program.c_str(), argv.data());
        ::_exit(127);
    }
    m_pid = pid;
    ::close(in_fd[0]);
    ::close(out_fd[1]);
    ::close(err_fd[1]);
    m_in = in_fd[1];
    m_out = out_fd[0];
    m_err = err_fd[0];
}

Running::~Running() {
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, nullptr, 0);
    }
    for (int fd : {m_in, m_out, m_err}) {
        if (fd >= 0) {
            ::close(fd);
        }
    }
}

std::string Running::line_with(const std::string& needle, int timeout_s) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
    for (;;) {
        std::size_t start = 0;
        for (std::size_t end; (end = m_pending.find('\n', start)) != std::string::npos;
             start = end + 1) {
            const std::string line = m_pending.substr(start, end - start);
            if (line.find(needle) != std::string::npos) {
                m_pending.erase(0, end + 1);
                return line;
            }
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd fd{m_out, POLLIN, 0};
        if (left.count() <= 0 || ::poll(&fd, 1, static_cast<int>(left.count())) <= 0) {
            return "";
        }
        char buffer[4096];
        const ssize_t got = ::read(m_out, buffer, sizeof buffer);
        if (got <= 0) {
            return "";
        }
        m_pending.append(buffer, static_cast<std::size_t>(got));
    }
}

void Running::write(const std::string& text) {
    if (::write(m_in, text.data(), text.size()) < 0) {
        throw std::runtime_error("cannot write to the process");
    }
}

void Running::signal(int number) {
    if (m_pid > 0) {
        ::kill(m_pid, number);
    }
}

Finished Running::wait(int timeout_s) {
    ::close(m_in);
    m_in = -1;
    Finished finished;
    finished.out = m_pending;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
    pollfd fds[2] = {{m_out, POLLIN, 0}, {m_err, POLLIN, 0}};
    std::string* sinks[2] = {&finished.out, &finished.err};
    int open_fds = 2;
    while (open_fds > 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || ::poll(fds, 2, static_cast<int>(left.count())) <= 0) {
            finished.timed_out = true;
            ::kill(m_pid, SIGKILL);
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
                char buffer[4096];
                const ssize_t got = ::read(fds[i].fd, buffer, sizeof buffer);
                if (got > 0) {
                    sinks[i]->append(buffer, static_cast<std::size_t>(got));
                } else {
                    fds[i].fd = -1;
                    --open_fds;
                }
            }
        }
    }
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_pid = -1;
    finished.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return finished;
}

Sandbox::Sandbox(const std::vector<std::string>& args) {
    int out_fd[2];
    int err_fd[2];
    if (::pipe2(out_fd, O_CLOEXEC) != 0 || ::pipe2(err_fd, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    std::vector<std::string> all = {"--port", "0"};
    all.insert(all.end(), args.begin(), args.end());
    m_pid = spawn(SANDBOX_BIN, all, "", {}, out_fd, err_fd);
    m_err_fd = err_fd[0];
    m_reader = std::thread([this] {
        char buffer[4096];
        ssize_t got;
        while ((got = ::read(m_err_fd, buffer, sizeof buffer)) > 0) {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_log.append(buffer, static_cast<std::size_t>(got));
        }
    });
    // The first stdout line names the port.
    std::string line;
    pollfd fd{out_fd[0], POLLIN, 0};
    while (line.find('\n') == std::string::npos && ::poll(&fd, 1, 10000) > 0) {
        char c[256];
        const ssize_t got = ::read(out_fd[0], c, sizeof c);
        if (got <= 0) {
            break;
        }
        line.append(c, static_cast<std::size_t>(got));
    }
    ::close(out_fd[0]);
    const auto colon = line.rfind(':');
    if (line.find("listening on http://127.0.0.1:") == std::string::npos ||
        colon == std::string::npos) {
        ::kill(m_pid, SIGKILL);
        throw std::runtime_error("the sandbox did not start: '" + line + "' " + log());
    }
    m_port = std::stoi(line.substr(colon + 1));
}

Sandbox::~Sandbox() {
    ::kill(m_pid, SIGTERM);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    if (m_reader.joinable()) {
        m_reader.join();
    }
    ::close(m_err_fd);
}

std::string Sandbox::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(m_port) + path;
}

std::string Sandbox::log() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_log;
}

int Sandbox::count(const std::string& text) const {
    const std::string all = log();
    int found = 0;
    for (auto at = all.find(text); at != std::string::npos; at = all.find(text, at + 1)) {
        ++found;
    }
    return found;
}

int post_form(const std::string& url, const std::string& body, std::string* answer) {
    const Poco::URI uri(url);
    Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
    session.setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathAndQuery(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/x-www-form-urlencoded");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (answer) {
        *answer = text;
    }
    return response.getStatus();
}

}  // namespace itest
