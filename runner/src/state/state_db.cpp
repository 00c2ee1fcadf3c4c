#include "state/state_db.hpp"

#include "state/sqlite_file.hpp"
#include "state/storage_error.hpp"

#include <apirunner/error.hpp>

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/Tuple.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>

using namespace Poco::Data::Keywords;

namespace apirunner {
namespace {

std::string now_iso8601() {
    return Poco::DateTimeFormatter::format(Poco::DateTime(), Poco::DateTimeFormat::ISO8601_FORMAT);
}

}  // namespace

void StateDb::create_private(const std::string& path) {
    Poco::File(Poco::Path(path).parent()).createDirectories();
    // Never open and close a database file that may already be open: closing any descriptor of
    // a file drops every POSIX lock this process holds on it, SQLite connections' included (a
    // daemon's other jobs then fail with "disk I/O error"). Only a file not there yet is created.
    const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ::close(fd);
    } else if (errno != EEXIST) {
        throw Error(errno_kind(errno),
                    "cannot create the state database '" + path + "': " + std::strerror(errno));
    }
    ::chmod(path.c_str(), 0600);
}

StateDb::StateDb(const std::string& path) : m_path(path) {
    try {
        create_private(path);
        m_session = open_sqlite(path);
        *m_session << "CREATE TABLE IF NOT EXISTS runs ("
                      "run_id TEXT PRIMARY KEY, job TEXT NOT NULL, started_at TEXT NOT NULL, "
                      "ended_at TEXT, status TEXT NOT NULL, records INTEGER NOT NULL DEFAULT 0, "
                      "pages INTEGER NOT NULL DEFAULT 0, retries INTEGER NOT NULL DEFAULT 0, "
                      "error TEXT)",
            now;
        add_missing_columns("runs", {{"refreshes", "INTEGER NOT NULL DEFAULT 0"},
                                     {"bytes", "INTEGER NOT NULL DEFAULT 0"},
                                     {"bookmark_before", "TEXT NOT NULL DEFAULT ''"},
                                     {"bookmark_after", "TEXT NOT NULL DEFAULT ''"}});
        *m_session << "CREATE INDEX IF NOT EXISTS runs_by_job ON runs (job, started_at)", now;
        *m_session << "CREATE TABLE IF NOT EXISTS checkpoints ("
                      "job TEXT PRIMARY KEY, run_id TEXT NOT NULL, extracted_at TEXT NOT NULL, "
                      "date TEXT NOT NULL, fingerprint TEXT NOT NULL, pages INTEGER NOT NULL, "
                      "records INTEGER NOT NULL, paging TEXT NOT NULL, sinks TEXT NOT NULL, "
                      "finishing INTEGER NOT NULL, updated_at TEXT NOT NULL)",
            now;
        add_missing_columns("checkpoints", {{"incremental", "TEXT NOT NULL DEFAULT ''"}});
        *m_session << "CREATE TABLE IF NOT EXISTS bookmarks (job TEXT PRIMARY KEY, value TEXT NOT "
                      "NULL, updated_at TEXT NOT NULL, run_id TEXT NOT NULL)",
            now;
    } catch (const Poco::Exception& error) {
        throw storage_error("cannot open the state database '" + path + "'", error,
                            ErrorKind::config);
    }
}

StateDb::~StateDb() = default;

// Every statement after the open: its failure becomes an Error of the right kind that names the
// file (a full disk is temporary, 75; a file that is no database, 78).
std::string StateDb::where(const char* doing) const {
    return "the state database '" + m_path + "': " + doing;
}

// Columns later versions added to a table: a state database an older apirunner made gets them.
void StateDb::add_missing_columns(const std::string& table,
                                  const std::vector<std::pair<std::string, std::string>>& columns) {
    std::vector<std::string> present;
    *m_session << "SELECT name FROM pragma_table_info('" + table + "')", into(present), now;
    for (const auto& [name, type] : columns) {
        if (std::find(present.begin(), present.end(), name) == present.end()) {
            *m_session << "ALTER TABLE " + table + " ADD COLUMN " + name + " " + type, now;
        }
    }
}

void StateDb::run_started(const RunRecord& run) {
    guard_storage(where("cannot record the run"), [&] {
        std::string status = "running";
        *m_session
            << "INSERT INTO runs (run_id, job, started_at, status) VALUES (?, ?, ?, ?) "
               "ON CONFLICT (run_id) DO UPDATE SET status = excluded.status, ended_at = NULL, "
               "error = NULL",
            useRef(run.run_id), useRef(run.job), useRef(run.started_at), use(status), now;
    });
}

void StateDb::run_ended(const RunRecord& run) {
    guard_storage(where("cannot record the run's end"), [&] {
        *m_session
            << "UPDATE runs SET ended_at = ?, status = ?, records = ?, pages = ?, retries = ?, "
               "refreshes = ?, bytes = ?, error = ?, bookmark_before = ?, bookmark_after = ? "
               "WHERE run_id = ?",
            useRef(run.ended_at), useRef(run.status), useRef(run.records), useRef(run.pages),
            useRef(run.retries), useRef(run.refreshes), useRef(run.bytes), useRef(run.error),
            useRef(run.bookmark_before), useRef(run.bookmark_after), useRef(run.run_id), now;
    });
}

std::vector<RunRecord> StateDb::history(const std::string& job, int limit,
                                        const std::string& since) {
    return guard_storage(where("cannot read the run history"), [&] {
        using Row = Poco::Tuple<std::string, std::string, std::string, Poco::Nullable<std::string>,
                                std::string, Poco::Int64, Poco::Int64, Poco::Int64, Poco::Int64,
                                Poco::Int64, Poco::Nullable<std::string>, std::string, std::string>;
        std::vector<Row> rows;
        std::string filter = job;
        std::string from = since;
        *m_session << "SELECT run_id, job, started_at, ended_at, status, records, pages, retries, "
                      "refreshes, bytes, error, bookmark_before, bookmark_after FROM runs WHERE (? "
                      "= '' OR job = ?) AND started_at >= ? "
                      "ORDER BY started_at DESC LIMIT ?",
            use(filter), use(filter), use(from), use(limit), into(rows), now;
        std::vector<RunRecord> runs;
        for (const auto& row : rows) {
            RunRecord run;
            run.run_id = row.get<0>();
            run.job = row.get<1>();
            run.started_at = row.get<2>();
            run.ended_at = row.get<3>().isNull() ? "" : row.get<3>().value();
            run.status = row.get<4>();
            run.records = row.get<5>();
            run.pages = row.get<6>();
            run.retries = row.get<7>();
            run.refreshes = row.get<8>();
            run.bytes = row.get<9>();
            run.error = row.get<10>().isNull() ? "" : row.get<10>().value();
            run.bookmark_before = row.get<11>();
            run.bookmark_after = row.get<12>();
            runs.push_back(run);
        }
        return runs;
    });
}

void StateDb::run_abandoned(const std::string& run_id, const std::string& why) {
    guard_storage(where("cannot record the run as abandoned"), [&] {
        *m_session << "UPDATE runs SET status = 'abandoned', error = ? WHERE run_id = ? AND status "
                      "<> 'ok'",
            useRef(why), useRef(run_id), now;
    });
}

std::optional<Checkpoint> StateDb::checkpoint(const std::string& job) {
    return guard_storage(where("cannot read the checkpoint"), [&]() -> std::optional<Checkpoint> {
        using Row =
            Poco::Tuple<std::string, std::string, std::string, std::string, Poco::Int64,
                        Poco::Int64, std::string, std::string, int, std::string, std::string>;
        std::vector<Row> rows;
        *m_session
            << "SELECT run_id, extracted_at, date, fingerprint, pages, records, paging, sinks, "
               "finishing, updated_at, incremental FROM checkpoints WHERE job = ?",
            useRef(job), into(rows), now;
        if (rows.empty()) {
            return std::nullopt;
        }
        const Row& row = rows.front();
        Checkpoint checkpoint{job,          row.get<0>(),      row.get<1>(), row.get<2>(),
                              row.get<3>(), row.get<4>(),      row.get<5>(), row.get<6>(),
                              {},           row.get<8>() != 0, row.get<9>(), row.get<10>()};
        // One position a line: a position is a number or empty, never holds a line break.
        const std::string& positions = row.get<7>();
        for (std::size_t start = 0;;) {
            const std::size_t end = positions.find('\n', start);
            checkpoint.sink_positions.push_back(positions.substr(start, end - start));
            if (end == std::string::npos) {
                break;
            }
            start = end + 1;
        }
        return checkpoint;
    });
}

void StateDb::save_checkpoint(const Checkpoint& checkpoint) {
    guard_storage(where("cannot save the checkpoint"), [&] {
        std::string sinks;
        for (std::size_t i = 0; i < checkpoint.sink_positions.size(); ++i) {
            sinks += (i ? "\n" : "") + checkpoint.sink_positions[i];
        }
        const std::string now_text = now_iso8601();
        const int finishing = checkpoint.finishing ? 1 : 0;
        *m_session
            << "INSERT OR REPLACE INTO checkpoints (job, run_id, extracted_at, date, fingerprint, "
               "pages, records, paging, sinks, finishing, updated_at, incremental) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            useRef(checkpoint.job), useRef(checkpoint.run_id), useRef(checkpoint.extracted_at),
            useRef(checkpoint.date), useRef(checkpoint.fingerprint), useRef(checkpoint.pages),
            useRef(checkpoint.records), useRef(checkpoint.paging), useRef(sinks), useRef(finishing),
            useRef(now_text), useRef(checkpoint.incremental), now;
    });
}

void StateDb::drop_checkpoint(const std::string& job) {
    guard_storage(where("cannot drop the checkpoint"),
                  [&] { *m_session << "DELETE FROM checkpoints WHERE job = ?", useRef(job), now; });
}

void StateDb::finish_run(const std::string& job, const std::string& run_id,
                         const std::optional<std::string>& bookmark) {
    guard_storage(where("cannot record the run's end"), [&] {
        m_session->begin();
        try {
            *m_session << "DELETE FROM checkpoints WHERE job = ?", useRef(job), now;
            if (bookmark) {
                std::string at = now_iso8601();
                *m_session << "INSERT OR REPLACE INTO bookmarks (job, value, updated_at, run_id) "
                              "VALUES (?, ?, ?, ?)",
                    useRef(job), useRef(*bookmark), use(at), useRef(run_id), now;
            }
            m_session->commit();
        } catch (...) {
            m_session->rollback();
            throw;
        }
    });
}

std::vector<BookmarkRow> StateDb::bookmarks() {
    return guard_storage(where("cannot read the bookmarks"), [&] {
        using Row = Poco::Tuple<std::string, std::string, std::string, std::string>;
        std::vector<Row> rows;
        *m_session << "SELECT job, value, updated_at, run_id FROM bookmarks ORDER BY job",
            into(rows), now;
        std::vector<BookmarkRow> found;
        for (const auto& row : rows) {
            found.push_back({row.get<0>(), row.get<1>(), row.get<2>(), row.get<3>()});
        }
        return found;
    });
}

std::optional<BookmarkRow> StateDb::bookmark(const std::string& job) {
    for (auto& row : bookmarks()) {
        if (row.job == job) {
            return row;
        }
    }
    return std::nullopt;
}

void StateDb::set_bookmark(const std::string& job, const std::optional<std::string>& value) {
    guard_storage(where("cannot change the bookmark"), [&] {
        if (!value) {
            *m_session << "DELETE FROM bookmarks WHERE job = ?", useRef(job), now;
            return;
        }
        std::string at = now_iso8601();
        *m_session << "INSERT OR REPLACE INTO bookmarks (job, value, updated_at, run_id) "
                      "VALUES (?, ?, ?, '')",
            useRef(job), useRef(*value), use(at), now;
    });
}

}  // namespace apirunner
