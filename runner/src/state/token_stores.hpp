// The TokenStore implementations the host lends plugins: one in the state database, shared by
// every process on the same file, and one in memory for dry runs and tests.
#pragma once

#include "state/lock_file.hpp"
#include "state/session_cipher.hpp"

#include <apirunner/host.hpp>

#include <Poco/Data/Session.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace apirunner {

// A row of the state database's `sessions` table, and a lock file per profile
// (<state folder>/locks/profiles/<profile>.lock, flock) that every apirunner process honours.
// Called by one session's plugin calls, which PluginSession makes one at a time; lock() also
// serialises this process's threads, the flock the other processes.
class SqliteTokenStore : public TokenStore {
  public:
    // Throws Error(config) when the database or the lock folder cannot be opened. A non-empty
    // `key` seals what is saved (AES-256-GCM); a sealed session is refused without it.
    SqliteTokenStore(const std::string& state_path, std::string profile,
                     const std::string& key = "");
    ~SqliteTokenStore() override;

    std::optional<std::string> load() override;
    void save(const std::string& session) override;
    void clear() override;
    void lock() override;
    void unlock() noexcept override;
    // When the session was last saved (ISO 8601, UTC), if there is one.
    std::optional<std::string> updated_at();

  private:
    std::string where(const char* doing) const;

    std::string m_profile;
    std::string m_path;  // the state database's
    std::optional<SessionCipher> m_cipher;
    std::unique_ptr<Poco::Data::Session> m_db;
    LockFile m_lock;
    std::recursive_mutex m_mutex;  // the flock is per process; this serialises its threads
    int m_depth = 0;
};

class MemoryTokenStore : public TokenStore {
  public:
    std::optional<std::string> load() override { return m_session; }
    void save(const std::string& session) override { m_session = session; }
    void clear() override { m_session.reset(); }
    void lock() override {}
    void unlock() noexcept override {}

  private:
    std::optional<std::string> m_session;
};

}  // namespace apirunner
