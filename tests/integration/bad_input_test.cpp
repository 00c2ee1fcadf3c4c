// What a provider or a machine can do wrong, through the real binary: each ends the job with
// one line that says what, the exit code of its kind, and the outputs of earlier runs untouched.
#include "workdir.hpp"

#include <catch2/catch.hpp>

#include <Poco/File.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <fstream>
#include <thread>

#include <sys/mount.h>

using namespace itest;

namespace {

// A loopback port that answers every connection in plain HTTP at once: it reads what came (a
// TLS ClientHello) and writes a 400. (A Poco HTTP server, fed a ClientHello, sometimes waits a
// minute for the end of a request line that never comes.)
class PlainHttpAnswer {
  public:
    PlainHttpAnswer() : m_socket(Poco::Net::SocketAddress("127.0.0.1", 0)) {
        m_thread = std::thread([this] { serve(); });
    }
    ~PlainHttpAnswer() {
        m_stop = true;
        m_thread.join();
    }
    int port() const { return m_socket.address().port(); }

  private:
    void serve() {
        while (!m_stop) {
            if (!m_socket.poll(Poco::Timespan(0, 100'000), Poco::Net::Socket::SELECT_READ)) {
                continue;
            }
            Poco::Net::StreamSocket peer = m_socket.acceptConnection();
            char hello[4096];
            peer.setReceiveTimeout(Poco::Timespan(5, 0));
            try {
                peer.receiveBytes(hello, sizeof hello);
                const std::string answer =
                    "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
                peer.sendBytes(answer.data(), static_cast<int>(answer.size()));
                peer.shutdown();
            } catch (const Poco::Exception&) {
            }
            peer.close();
        }
    }

    Poco::Net::ServerSocket m_socket;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

Finished run_against(const std::string& malformed) {
    Sandbox sandbox({"--records", "50", "--malformed", malformed});
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox, "", 10));
    Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK_FALSE(work.exists("out/orgs.jsonl"));
    return run;
}

// A folder where writing soon fails as on a full disk: a 256 KiB tmpfs when this machine lets
// us mount one, else a file size limit on apirunner (prlimit), which fails writes the same way.
struct FullDisk {
    std::string folder;
    bool mounted = false;
    std::vector<std::string> launcher;

    explicit FullDisk(const Workdir& work) : folder(work.file("small")) {
        Poco::File(folder).createDirectories();
        mounted = ::mount("tmpfs", folder.c_str(), "tmpfs", 0, "size=256k") == 0;
        if (!mounted) {
            launcher = {"/usr/bin/prlimit", "--fsize=262144"};
        }
    }
    ~FullDisk() {
        if (mounted) {
            ::umount(folder.c_str());
        }
    }
    // Leaves no room at all: the tmpfs filled up, or every write limited to nothing past 8 KiB.
    void fill() {
        if (!mounted) {
            launcher = {"/usr/bin/prlimit", "--fsize=8192"};
            return;
        }
        std::ofstream filler(folder + "/filler", std::ios::binary);
        const std::string block(4096, 'x');
        while (filler.write(block.data(), block.size()) && filler.flush()) {
        }
    }
};

}  // namespace

TEST_CASE("bad input: an HTML page instead of JSON is exit 65, named as HTML") {
    const Finished run = run_against("html");
    CHECK(run.exit_code == 65);
    CHECK_THAT(run.err, Catch::Contains("job 'orgs' failed (bad data from provider): page 1 of "
                                        "/api/v3.0/organizations: ") &&
                            Catch::Contains("HTML"));
}

TEST_CASE("bad input: bytes that are not UTF-8 are exit 65, named as such") {
    const Finished run = run_against("non-utf8");
    CHECK(run.exit_code == 65);
    CHECK_THAT(run.err, Catch::Contains(
                            "page 1 of /api/v3.0/organizations: the page is not valid JSON: it is "
                            "not UTF-8 (byte 0xFF at offset "));
}

TEST_CASE(
    "bad input: a page far larger than any page should be is refused before it fills memory") {
    const Finished run = run_against("huge");
    CHECK(run.exit_code == 65);
    CHECK_THAT(run.err, Catch::Contains("the response is larger than the limit of 67108864 bytes"));
}

TEST_CASE("bad input: a JSON array where the page object belongs is exit 65, named as such") {
    const Finished run = run_against("array");
    CHECK(run.exit_code == 65);
    CHECK_THAT(run.err,
               Catch::Contains(
                   "job 'orgs' failed (bad data from provider): page 1 of /api/v3.0/organizations: "
                   "the page is a JSON array where an object with records at 'data' belongs"));
}

TEST_CASE(
    "bad input: records without the primary key are exit 65 naming the key, nothing written") {
    const Finished run = run_against("no-id");
    CHECK(run.exit_code == 65);
    CHECK_THAT(run.err,
               Catch::Contains(
                   "job 'orgs' failed (bad data from provider): page 1 of /api/v3.0/organizations: "
                   "record 1 of the page has no primary key 'id'"));
}

TEST_CASE("bad input: a redirect loop is exit 65 after five hops, not a hang") {
    const Finished run = run_against("redirect-loop");
    CHECK(run.exit_code == 65);
    CHECK_THAT(run.err, Catch::Contains("too many redirects (more than 5)"));
}

TEST_CASE("bad input: a TLS handshake that fails is exit 69 naming the address") {
    Sandbox sandbox({"--records", "10"});
    PlainHttpAnswer http;
    Workdir work;
    std::string jobs = mediamath_jobs(sandbox, "", 10);
    // https:// to a port that answers in plain HTTP: the handshake meets "HTTP/1.1 400".
    const std::string from = "http://127.0.0.1:" + std::to_string(sandbox.port());
    const std::string to = "https://127.0.0.1:" + std::to_string(http.port());
    for (auto at = jobs.find(from); at != std::string::npos; at = jobs.find(from, at)) {
        jobs.replace(at, from.size(), to);
    }
    work.write("jobs.yaml", jobs);
    const Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 69);
    CHECK_THAT(run.err, Catch::Contains("job 'orgs' failed (provider unavailable): provider "
                                        "'mediamath': cannot reach " +
                                        to + ": SSL Exception"));
    CHECK_FALSE(work.exists("out/orgs.jsonl"));
}

TEST_CASE(
    "bad input: an output that cannot be created is exit 78 naming the sink, and earlier files "
    "stay") {
    Sandbox sandbox({"--records", "30"});
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox, "", 10));
    REQUIRE(work.apirunner({"run", "--config", "jobs.yaml"}).exit_code == 0);
    const std::string before = work.read("out/orgs.jsonl");

    work.write("blocked", "a file where a folder should be\n");
    std::string jobs = mediamath_jobs(sandbox, "", 10);
    jobs.replace(jobs.find("path: out/extracts.sqlite"), 25, "path: blocked/extracts.sqlite");
    work.write("jobs.yaml", jobs);
    const Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 78);
    CHECK_THAT(
        run.err,
        Catch::Contains("job 'orgs' failed (configuration error): sink 'warehouse': cannot open '" +
                        work.file("blocked/extracts.sqlite") + "'"));
    CHECK(work.read("out/orgs.jsonl") == before);
}

TEST_CASE("bad input: a full disk is exit 75 naming the file, and the earlier outputs stay whole") {
    Sandbox sandbox({"--records", "20"});
    Workdir work;
    FullDisk disk(work);
    INFO((disk.mounted ? "a 256 KiB tmpfs" : "prlimit --fsize"));
    std::string jobs = mediamath_jobs(sandbox, "", 10);
    jobs.replace(jobs.find("path: out/extracts.sqlite"), 25, "path: small/extracts.sqlite");
    jobs.replace(jobs.find("path: \"out/{job}.jsonl\""), 23, "path: \"small/{job}.jsonl\"");
    work.write("jobs.yaml", jobs);
    REQUIRE(work.apirunner({"run", "--config", "jobs.yaml"}, {}, disk.launcher).exit_code == 0);
    const std::string before = work.read("small/orgs.jsonl");

    Sandbox bigger({"--records", "20000"});
    std::string more = mediamath_jobs(bigger, "", 500);
    more.replace(more.find("path: out/extracts.sqlite"), 25, "path: small/extracts.sqlite");
    more.replace(more.find("path: \"out/{job}.jsonl\""), 23, "path: \"small/{job}.jsonl\"");
    work.write("jobs.yaml", more);
    const Finished run = work.apirunner({"run", "--config", "jobs.yaml"}, {}, disk.launcher);
    CHECK(run.exit_code == 75);
    CHECK_THAT(run.err, Catch::Contains("job 'orgs' failed (temporary failure): ") &&
                            (Catch::Contains("small/extracts.sqlite") ||
                             Catch::Contains("small/orgs.jsonl")));
    CHECK(work.read("small/orgs.jsonl") == before);
    CHECK(work.sql("small/extracts.sqlite", "SELECT count(*) FROM orgs WHERE id < 100020") == 20);
}

TEST_CASE("bad input: a state database on a full disk is exit 75 naming it, not bad data") {
    Sandbox sandbox({"--records", "20"});
    Workdir work;
    FullDisk disk(work);
    INFO((disk.mounted ? "a full tmpfs" : "prlimit --fsize"));
    std::string jobs = mediamath_jobs(sandbox, "", 10);
    jobs.replace(jobs.find("state: state/state.db"), 21, "state: small/state.db");
    work.write("jobs.yaml", jobs);
    REQUIRE(work.apirunner({"run", "--config", "jobs.yaml"}).exit_code == 0);

    disk.fill();  // the database is there; what the next run writes into it finds no room
    const Finished during = work.apirunner({"run", "--config", "jobs.yaml"}, {}, disk.launcher);
    CHECK(during.exit_code == 75);
    CHECK_THAT(during.err, Catch::Contains("the state database '" + work.file("small/state.db")) &&
                               !Catch::Contains("bad data"));

    Workdir fresh;  // a database that cannot even be made
    FullDisk none(fresh);
    none.fill();
    fresh.write("jobs.yaml", jobs);
    const Finished before = fresh.apirunner({"run", "--config", "jobs.yaml"}, {}, none.launcher);
    CHECK(before.exit_code == 75);
    CHECK_THAT(before.err, Catch::Contains("cannot open the state database '" +
                                           fresh.file("small/state.db") + "'"));
}

TEST_CASE("bad input: a state database that is not a database is exit 78 naming it") {
    Sandbox sandbox({"--records", "20"});
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox, "", 10));
    work.write("state/state.db", std::string(8192, 'z'));
    const Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 78);
    CHECK_THAT(run.err, Catch::Contains("cannot open the state database '" +
                                        work.file("state/state.db") + "'"));
}

TEST_CASE("bad input: a SQLite output that is not a database is exit 78 naming the sink") {
    Sandbox sandbox({"--records", "20"});
    Workdir work;
    work.write("jobs.yaml", mediamath_jobs(sandbox, "", 10));
    work.write("out/extracts.sqlite", std::string(8192, 'z'));
    const Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 78);
    CHECK_THAT(run.err,
               Catch::Contains("job 'orgs' failed (configuration error): sink 'warehouse': "
                               "cannot open '" +
                               work.file("out/extracts.sqlite") + "'"));
    CHECK(work.read("out/extracts.sqlite") == std::string(8192, 'z'));
}
