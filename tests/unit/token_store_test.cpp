#include "state/token_stores.hpp"

#include <apirunner/error.hpp>

#include <catch2/catch.hpp>

#include <Poco/File.h>
#include <Poco/TemporaryFile.h>

#include <sys/stat.h>
#include <atomic>
#include <chrono>
#include <thread>

using namespace apirunner;

namespace {

struct Fixture {
    Poco::TemporaryFile dir;
    std::string state;
    Fixture() {
        Poco::File(dir.path()).createDirectories();
        state = dir.path() + "/state/state.db";
    }
};

unsigned mode_of(const std::string& path) {
    struct stat info {};
    ::stat(path.c_str(), &info);
    return info.st_mode & 0777;
}

}  // namespace

TEST_CASE("the token store keeps one session per profile in a private file") {
    Fixture f;
    SqliteTokenStore mm(f.state, "mediamath");
    SqliteTokenStore ox(f.state, "openx");
    CHECK_FALSE(mm.load());
    mm.save("first");
    mm.save("second");
    ox.save("other");
    CHECK(mm.load() == std::optional<std::string>("second"));
    CHECK(SqliteTokenStore(f.state, "mediamath").load() == std::optional<std::string>("second"));
    mm.clear();
    CHECK_FALSE(mm.load());
    CHECK(ox.load() == std::optional<std::string>("other"));
    CHECK(mode_of(f.state) == 0600);
    CHECK(mode_of(f.dir.path() + "/state/locks") == 0700);
}

TEST_CASE("the profile lock excludes a second holder until the first lets go") {
    Fixture f;
    SqliteTokenStore holder(f.state, "mediahaven");
    SqliteTokenStore waiter(f.state, "mediahaven");  // another open file: as another process would
    std::atomic<bool> got_it{false};
    holder.lock();
    std::thread other([&] {
        StoreLock lock(waiter);
        got_it = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK_FALSE(got_it);
    holder.unlock();
    other.join();
    CHECK(got_it);
}

TEST_CASE("the lock is re-entrant within one store") {
    Fixture f;
    SqliteTokenStore store(f.state, "p");
    StoreLock outer(store);
    StoreLock inner(store);
    store.save("x");
    CHECK(store.load() == std::optional<std::string>("x"));
}

TEST_CASE("the session cipher round-trips and refuses a wrong key or a damaged value") {
    SessionCipher cipher("SENTINEL-state-key");
    const std::string sealed = cipher.seal(R"({"access_token":"SENTINEL-at"})");
    CHECK(SessionCipher::is_sealed(sealed));
    CHECK(sealed.find("SENTINEL-at") == std::string::npos);
    CHECK(cipher.seal("same") != cipher.seal("same"));  // a fresh IV every time
    CHECK(cipher.open(sealed) == R"({"access_token":"SENTINEL-at"})");
    CHECK_THROWS_WITH(SessionCipher("another key").open(sealed),
                      Catch::Contains("cannot be decrypted"));
    std::string damaged = sealed;
    damaged[damaged.size() - 5] = damaged[damaged.size() - 5] == 'A' ? 'B' : 'A';
    CHECK_THROWS_AS(cipher.open(damaged), Error);
}

TEST_CASE("with a state key the stored row is sealed, and without it the session is refused") {
    Fixture f;
    SqliteTokenStore sealed(f.state, "mm", "SENTINEL-state-key");
    sealed.save("SENTINEL-session");
    CHECK(sealed.load() == std::optional<std::string>("SENTINEL-session"));
    CHECK_THROWS_WITH(SqliteTokenStore(f.state, "mm").load(),
                      Catch::Contains("is encrypted; set state_key_env"));
    CHECK_THROWS_WITH(SqliteTokenStore(f.state, "mm", "wrong").load(),
                      Catch::Contains("cannot be decrypted"));
    // A session saved before a key was set is still read, and sealed on its next save.
    SqliteTokenStore plain(f.state, "ox");
    plain.save("old");
    SqliteTokenStore keyed(f.state, "ox", "SENTINEL-state-key");
    CHECK(keyed.load() == std::optional<std::string>("old"));
}
