// The state database: run history now; checkpoints and the token store join it later. The
// file is created with mode 0600 before SQLite opens it, since it will hold tokens.
#pragma once

#include <Poco/Data/Session.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace apirunner {

struct RunRecord {
    std::string run_id;
    std::string job;
    std::string started_at;
    std::string ended_at;
    std::string status;  // running | ok | failed
    std::int64_t records = 0;
    std::int64_t pages = 0;
    std::int64_t retries = 0;
    std::string error;
};

class StateDb {
public:
    // Throws Error(config) when the file cannot be created or opened.
    explicit StateDb(const std::string& path);
    ~StateDb();

    // Creates the file (and its folder) with mode 0600 if it does not exist yet.
    static void create_private(const std::string& path);

    void run_started(const RunRecord& run);
    void run_ended(const RunRecord& run);
    // Newest first; every job when `job` is empty.
    std::vector<RunRecord> history(const std::string& job, int limit);

private:
    std::string m_path;
    std::unique_ptr<Poco::Data::Session> m_session;
};

}  // namespace apirunner
