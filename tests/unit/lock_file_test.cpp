#include "state/lock_file.hpp"

#include <apirunner/error.hpp>

#include <catch2/catch.hpp>

#include <Poco/File.h>
#include <Poco/TemporaryFile.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fstream>

using namespace apirunner;

namespace {

struct StateFolder {
    Poco::TemporaryFile dir;
    std::string state;
    StateFolder() : state(dir.path() + "/state.db") { Poco::File(dir.path()).createDirectories(); }
};

// Whether another process can take the lock now (flock is per open file, so a child process
// that opens its own is what another apirunner would be).
bool free_for_another_process(const StateFolder& folder, const std::string& kind,
                              const std::string& name) {
    const pid_t child = ::fork();
    if (child == 0) {
        LockFile other(folder.state, kind, name);
        ::_exit(other.try_lock() ? 0 : 1);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

TEST_CASE("lock file: one holder at a time across processes, and free again once let go") {
    StateFolder folder;
    LockFile lock(folder.state, "jobs", "orgs");
    CHECK(lock.path() == folder.dir.path() + "/locks/jobs/orgs.lock");
    CHECK(free_for_another_process(folder, "jobs", "orgs"));
    REQUIRE(lock.try_lock());
    CHECK_FALSE(free_for_another_process(folder, "jobs", "orgs"));
    CHECK(free_for_another_process(folder, "jobs", "users"));     // another job
    CHECK(free_for_another_process(folder, "profiles", "orgs"));  // another kind
    lock.unlock();
    CHECK(free_for_another_process(folder, "jobs", "orgs"));
}

TEST_CASE(
    "lock file: its folders are private, and a folder that cannot be made is a config error") {
    StateFolder folder;
    LockFile lock(folder.state, "profiles", "mediamath");
    struct stat info {};
    REQUIRE(::stat((folder.dir.path() + "/locks/profiles").c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0700);
    std::ofstream(folder.dir.path() + "/blocked") << "a file where a folder should be";
    try {
        LockFile blocked(folder.dir.path() + "/blocked/state.db", "jobs", "orgs");
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::config);
        CHECK_THAT(error.what(), Catch::Contains("cannot create the lock folder"));
    }
}
