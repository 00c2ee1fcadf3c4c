// An advisory lock (flock) on a file in <state folder>/locks/, honoured by every apirunner
// process that shares the state database: one per provider profile (token refresh) and one per
// job (a job never runs twice at once). The kernel drops it when the process dies.
#pragma once

#include <string>

namespace apirunner {

class LockFile {
  public:
    // <state folder>/locks/<kind>/<name>.lock, its folders created 0700. Throws Error(config).
    LockFile(const std::string& state_path, const std::string& kind, const std::string& name);
    ~LockFile();
    LockFile(const LockFile&) = delete;
    LockFile& operator=(const LockFile&) = delete;

    // Waits for the lock. Throws Error(temporary) when the file cannot be locked at all.
    void lock();
    // False when another process holds it.
    bool try_lock();
    void unlock() noexcept;
    const std::string& path() const { return m_path; }

  private:
    bool acquire(int operation);

    std::string m_path;
    int m_fd = -1;
};

}  // namespace apirunner
