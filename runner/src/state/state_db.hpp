// The state database: run history, one checkpoint per unfinished job, and (token_stores.hpp)
// the stored sessions. The file is created with mode 0600 before SQLite opens it.
#pragma once

#include <Poco/Data/Session.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace apirunner {

struct RunRecord {
    std::string run_id;
    std::string job;
    std::string started_at;
    std::string ended_at;
    std::string status;  // running | ok | failed | stopped | abandoned
    std::int64_t records = 0;
    std::int64_t pages = 0;
    std::int64_t retries = 0;
    std::int64_t refreshes = 0;
    std::int64_t bytes = 0;
    std::string error;
    std::string bookmark_before;  // an incremental job's bookmark when the run began, or ""
    std::string bookmark_after;   // and when it ended
};

// Where an unfinished run of a job stands: saved after every page, once its records are durable
// in every output, and dropped when the job finishes.
struct Checkpoint {
    std::string job;
    std::string run_id;
    std::string extracted_at;
    std::string date;
    std::string fingerprint;  // the job's definition when the run began
    std::int64_t pages = 0;
    std::int64_t records = 0;
    std::string paging;                       // the paginator's saved position
    std::vector<std::string> sink_positions;  // one per output, in the job's order
    bool finishing = false;                   // every page is written; outputs being published
    std::string updated_at;
    std::string incremental;  // an incremental job's range and highest value seen, or ""
};

// A job's bookmark (`incremental:`), as `state show` prints it.
struct BookmarkRow {
    std::string job;
    std::string value;
    std::string updated_at;
    std::string run_id;  // the run that set it ("" when set by hand)
};

class StateDb {
  public:
    // Throws Error(config) when the file cannot be created or opened.
    explicit StateDb(const std::string& path);
    ~StateDb();

    // Creates the file (and its folder) with mode 0600 if it does not exist yet.
    static void create_private(const std::string& path);

    // A resumed run keeps its run_id: its row is marked running again.
    void run_started(const RunRecord& run);
    void run_ended(const RunRecord& run);
    // Newest first; every job when `job` is empty; runs started at or after `since` (ISO 8601
    // UTC, as started_at is kept) when it is not empty.
    std::vector<RunRecord> history(const std::string& job, int limit,
                                   const std::string& since = "");
    void run_abandoned(const std::string& run_id, const std::string& why);

    std::optional<Checkpoint> checkpoint(const std::string& job);
    void save_checkpoint(const Checkpoint& checkpoint);
    void drop_checkpoint(const std::string& job);
    // The end of a successful run: its checkpoint dropped and, when given, the job's bookmark
    // set, in one transaction, so that a kill between the two cannot move one without the other.
    void finish_run(const std::string& job, const std::string& run_id,
                    const std::optional<std::string>& bookmark);

    std::optional<BookmarkRow> bookmark(const std::string& job);
    std::vector<BookmarkRow> bookmarks();
    // Sets (by hand: no run) or, with nothing, clears a job's bookmark.
    void set_bookmark(const std::string& job, const std::optional<std::string>& value);
    const std::string& path() const { return m_path; }

  private:
    void add_missing_columns(const std::string& table,
                             const std::vector<std::pair<std::string, std::string>>& columns);
    std::string where(const char* doing) const;

    std::string m_path;
    std::unique_ptr<Poco::Data::Session> m_session;
};

}  // namespace apirunner
