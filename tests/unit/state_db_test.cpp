#include "state/state_db.hpp"
#include "state/storage_error.hpp"

#include <apirunner/error.hpp>

#include <catch2/catch.hpp>

#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/File.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/TemporaryFile.h>

#include <sys/resource.h>
#include <sys/stat.h>
#include <cerrno>
#include <csignal>

using namespace apirunner;

namespace {

struct Folder {
    Poco::TemporaryFile dir;
    Folder() { Poco::File(dir.path()).createDirectories(); }
    std::string file(const std::string& name) const { return dir.path() + "/" + name; }
};

RunRecord run(const std::string& id, const std::string& job, const std::string& started) {
    RunRecord record;
    record.run_id = id;
    record.job = job;
    record.started_at = started;
    record.status = "running";
    return record;
}

// While it lives, no file of this process may grow past its size now (RLIMIT_FSIZE): writes fail
// with EFBIG, as on a full disk, instead of killing the process (SIGXFSZ is ignored).
class FileSizeLimit {
  public:
    explicit FileSizeLimit(rlim_t bytes) {
        ::getrlimit(RLIMIT_FSIZE, &m_before);
        m_signal = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_before;
        limit.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &m_before);
        std::signal(SIGXFSZ, m_signal);
    }

  private:
    rlimit m_before{};
    void (*m_signal)(int);
};

}  // namespace

TEST_CASE("the state database keeps a checkpoint whole and gives it back") {
    Folder folder;
    StateDb state(folder.file("state.db"));
    CHECK_FALSE(state.checkpoint("orgs"));
    Checkpoint saved{"orgs", "r1", "2026-01-01T00:00:00Z", "2026-01-01",  "abc",
                     3,      300,  R"({"offset":300})",    {"", "12345"}, false,
                     ""};
    state.save_checkpoint(saved);
    const auto back = state.checkpoint("orgs");
    REQUIRE(back);
    CHECK(back->run_id == "r1");
    CHECK(back->pages == 3);
    CHECK(back->records == 300);
    CHECK(back->paging == R"({"offset":300})");
    CHECK(back->sink_positions == std::vector<std::string>{"", "12345"});
    CHECK_FALSE(back->updated_at.empty());
    state.drop_checkpoint("orgs");
    CHECK_FALSE(state.checkpoint("orgs"));
}

TEST_CASE("the run history is newest first, per job, and an abandoned run keeps why") {
    Folder folder;
    StateDb state(folder.file("state.db"));
    state.run_started(run("r1", "orgs", "2026-01-01T00:00:00Z"));
    state.run_started(run("r2", "users", "2026-01-02T00:00:00Z"));
    state.run_started(run("r3", "orgs", "2026-01-03T00:00:00Z"));
    RunRecord ended = run("r3", "orgs", "2026-01-03T00:00:00Z");
    ended.status = "ok";
    ended.records = 7;
    ended.ended_at = "2026-01-03T00:01:00Z";
    state.run_ended(ended);
    state.run_abandoned("r1", "discarded: the job's definition changed since");
    const auto orgs = state.history("orgs", 10, "");
    REQUIRE(orgs.size() == 2);
    CHECK(orgs[0].run_id == "r3");
    CHECK(orgs[0].status == "ok");
    CHECK(orgs[0].records == 7);
    CHECK(orgs[1].status == "abandoned");
    CHECK(orgs[1].error == "discarded: the job's definition changed since");
    CHECK(state.history("", 10, "2026-01-02T00:00:00Z").size() == 2);
    CHECK(state.history("", 1, "").size() == 1);
}

TEST_CASE("the state database file is private to its owner") {
    Folder folder;
    StateDb state(folder.file("sub/state.db"));
    struct stat info {};
    REQUIRE(::stat(folder.file("sub/state.db").c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
}

TEST_CASE("a state database that cannot grow fails as temporary, naming the file and the step") {
    Folder folder;
    StateDb state(folder.file("state.db"));
    state.run_started(run("r1", "orgs", "2026-01-01T00:00:00Z"));
    const auto size = Poco::File(folder.file("state.db")).getSize();
    RunRecord ended = run("r1", "orgs", "2026-01-01T00:00:00Z");
    ended.error = std::string(256 * 1024, 'e');  // more pages than the file may take
    try {
        const FileSizeLimit full(size);
        state.run_ended(ended);
        FAIL("the write went through");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::temporary);
        CHECK_THAT(error.what(),
                   Catch::StartsWith("the state database '" + folder.file("state.db") +
                                     "': cannot record the run's end: "));
    }
    CHECK(state.history("orgs", 1, "").at(0).status == "running");  // nothing half-written
}

TEST_CASE("storage failures are told apart: the disk's are temporary, the settings' are config") {
    namespace sqlite = Poco::Data::SQLite;
    CHECK(storage_error_kind(sqlite::DatabaseFullException("full"), ErrorKind::bad_data) ==
          ErrorKind::temporary);
    CHECK(storage_error_kind(sqlite::IOErrorException("io"), ErrorKind::bad_data) ==
          ErrorKind::temporary);
    CHECK(storage_error_kind(sqlite::ReadOnlyException("ro"), ErrorKind::bad_data) ==
          ErrorKind::temporary);
    CHECK(storage_error_kind(sqlite::DBLockedException("locked"), ErrorKind::bad_data) ==
          ErrorKind::temporary);
    CHECK(storage_error_kind(sqlite::CorruptImageException("not a database"),
                             ErrorKind::bad_data) == ErrorKind::config);
    CHECK(storage_error_kind(sqlite::CantOpenDBFileException("no"), ErrorKind::bad_data) ==
          ErrorKind::config);
    CHECK(storage_error_kind(Poco::FileAccessDeniedException("x"), ErrorKind::bad_data) ==
          ErrorKind::config);
    CHECK(storage_error_kind(sqlite::InvalidSQLStatementException("no such column"),
                             ErrorKind::temporary) == ErrorKind::config);  // not our database
    CHECK(storage_error_kind(sqlite::DataTypeMismatchException("mismatch"), ErrorKind::temporary) ==
          ErrorKind::bad_data);
    // Poco's plain FileException is ENOSPC, EDQUOT, EMFILE; its subclasses are the path's fault
    CHECK(storage_error_kind(Poco::FileException("no space left on device"), ErrorKind::config) ==
          ErrorKind::temporary);
    CHECK(storage_error_kind(Poco::FileReadOnlyException("x"), ErrorKind::config) ==
          ErrorKind::temporary);
    CHECK(storage_error_kind(Poco::FileExistsException("x"), ErrorKind::temporary) ==
          ErrorKind::config);
    CHECK(storage_error_kind(Poco::JSON::JSONException("x"), ErrorKind::bad_data) ==
          ErrorKind::bad_data);
    CHECK(storage_error_kind(Poco::Data::ConnectionFailedException("can't open"),
                             ErrorKind::temporary) == ErrorKind::config);
    CHECK(storage_error_kind(sqlite::SQLiteException("unknown"), ErrorKind::config) ==
          ErrorKind::config);
    CHECK(storage_error_kind(Poco::IOException("EIO"), ErrorKind::config) == ErrorKind::temporary);
    CHECK(errno_kind(ENOSPC) == ErrorKind::temporary);
    CHECK(errno_kind(EDQUOT) == ErrorKind::temporary);
    CHECK(errno_kind(EROFS) == ErrorKind::temporary);
    CHECK(errno_kind(EACCES) == ErrorKind::config);
    CHECK(errno_kind(ENOTDIR) == ErrorKind::config);
    const Error error = storage_error("sink 'w'", sqlite::DatabaseFullException("disk full"));
    CHECK(error.kind() == ErrorKind::temporary);
    CHECK_THAT(error.what(), Catch::StartsWith("sink 'w': ") && Catch::Contains("disk full"));
}
