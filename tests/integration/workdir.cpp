#include "workdir.hpp"

#include <catch2/catch.hpp>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

using namespace Poco::Data::Keywords;

namespace itest {

Workdir::Workdir() {
    Poco::File(m_dir.path()).createDirectories();
    m_path = m_dir.path();
}

void Workdir::write(const std::string& relative, const std::string& text) const {
    Poco::File(Poco::Path(file(relative)).parent()).createDirectories();
    std::ofstream(file(relative)) << text;
}

std::string Workdir::read(const std::string& relative) const {
    std::ifstream in(file(relative));
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

bool Workdir::exists(const std::string& relative) const {
    return Poco::File(file(relative)).exists();
}

Finished Workdir::apirunner(const std::vector<std::string>& args,
                            const std::map<std::string, std::string>& env,
                            const std::vector<std::string>& launcher) const {
    std::vector<std::string> all = launcher;
    all.push_back(APIRUNNER_BIN);
    all.insert(all.end(), args.begin(), args.end());
    all.push_back("--plugin-path");
    all.push_back(PLUGIN_DIR);
    // The most verbose level, unless a test chose one: the scan below covers every debug line.
    if (std::find(args.begin(), args.end(), "--log-level") == args.end() && !args.empty() &&
        args.front() != "--help" && args.front() != "--version") {
        all.push_back("--log-level");
        all.push_back("debug");
    }
    const std::string program = all.front();
    all.erase(all.begin());
    Finished finished = run(program, all, m_path, env);
    INFO("stdout: " << finished.out << "\nstderr: " << finished.err);
    CHECK_FALSE(finished.timed_out);
    CHECK(finished.out.find("SENTINEL-") == std::string::npos);
    CHECK(finished.err.find("SENTINEL-") == std::string::npos);
    // Nor in any output file: only the token store (state/) may hold one.
    if (exists("out")) {
        for (Poco::DirectoryIterator file(this->file("out")), end; file != end; ++file) {
            if (file->isFile()) {
                INFO("output file " << file.name());
                CHECK(read("out/" + file.name()).find("SENTINEL-") == std::string::npos);
            }
        }
    }
    return finished;
}

Poco::Int64 Workdir::sql(const std::string& database, const std::string& query) const {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::Session session("SQLite", file(database));
    Poco::Int64 value = 0;
    session << query, into(value), now;
    return value;
}

std::string jobs_yaml(const Sandbox& sandbox, const std::string& providers,
                      const std::string& jobs) {
    std::string text = "version: 1\nstate: state/state.db\nproviders:\n" + providers +
                       "sinks:\n"
                       "  warehouse: {type: sqlite, path: out/extracts.sqlite}\n"
                       "  files: {type: jsonl, path: \"out/{job}.jsonl\"}\n"
                       "jobs:\n" +
                       jobs;
    const std::string marker = "{sandbox}";
    for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker)) {
        text.replace(at, marker.size(), sandbox.url(""));
    }
    return text;
}

std::string mediamath_jobs(const Sandbox& sandbox, const std::string& extra_provider,
                           int records_per_page) {
    return jobs_yaml(sandbox, R"(  mediamath:
    plugin: mediamath
    base_url: {sandbox}/mediamath
    auth_url: {sandbox}/mediamath-auth
    credentials:
      username: operator@example.com
      password: ${MM_PASSWORD:-SENTINEL-mm-password}
      client_id: mm-sandbox-client
      client_secret: SENTINEL-mm-client-secret
    retry: {max_attempts: 2, base_delay_ms: 10}
)" + extra_provider,
                     R"(  orgs:
    provider: mediamath
    request: {path: /api/v3.0/organizations, params: {sort_by: id}}
    paging: {type: offset, limit: )" +
                         std::to_string(records_per_page) + R"(, limit_param: page_limit,
             offset_param: page_offset, records: data, total: meta.total_count}
    primary_key: id
    output:
      - {sink: warehouse, table: orgs, mode: merge}
      - {sink: files, mode: replace}
)");
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

std::string shipped_jobs(const Sandbox& sandbox, const std::string& file) {
    std::ifstream in(std::string(SOURCE_DIR "/jobs/") + file);
    std::stringstream text;
    text << in.rdbuf();
    std::string jobs = text.str();
    REQUIRE_FALSE(jobs.empty());
    for (const auto& [from, to] :
         {std::pair<std::string, std::string>{"http://127.0.0.1:8765",
                                              "http://127.0.0.1:" + std::to_string(sandbox.port())},
          {"../../", ""}}) {
        for (auto at = jobs.find(from); at != std::string::npos;
             at = jobs.find(from, at + to.size())) {
            jobs.replace(at, from.size(), to);
        }
    }
    return jobs;
}

Poco::Int64 checkpointed_pages(const Workdir& work, const std::string& state) {
    if (!work.exists(state)) {
        return 0;
    }
    try {
        return work.sql(state, "SELECT coalesce(max(pages), 0) FROM checkpoints");
    } catch (const std::exception&) {
        return 0;  // the tables are being created
    }
}

void wait_for_checkpoint_past(const Workdir& work, Poco::Int64 pages, const std::string& state) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (checkpointed_pages(work, state) <= pages &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

}  // namespace itest
