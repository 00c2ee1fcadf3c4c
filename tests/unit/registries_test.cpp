// The paging kinds and sink types as registered pieces: every piece is complete, the loader
// knows exactly the registered names, and each piece's settings reach the job fingerprint.
#include "config/config_loader.hpp"
#include "config/job_fingerprint.hpp"
#include "paging/paginator.hpp"
#include "sinks/sink_type.hpp"

#include <catch2/catch.hpp>

#include <Poco/File.h>
#include <Poco/TemporaryFile.h>

#include <fstream>

using namespace apirunner;

namespace {

struct JobsFile {
    Poco::TemporaryFile dir;
    std::string path;
    explicit JobsFile(const std::string& paging,
                      const std::string& sink = "{type: sqlite, path: out.db}",
                      const std::string& output = "{sink: out, mode: append}") {
        Poco::File(dir.path()).createDirectories();
        path = dir.path() + "/jobs.yaml";
        std::ofstream(path)
            << "version: 1\nproviders:\n  p: {plugin: bearer, base_url: http://127.0.0.1:1}\n"
            << "sinks:\n  out: " << sink << "\njobs:\n  j:\n    provider: p\n"
            << "    request: {path: /items}\n    paging: " << paging << "\n    output: " << output
            << "\n";
    }
};

const EnvLookup k_no_env = [](const std::string&) -> std::optional<std::string> {
    return std::nullopt;
};

std::vector<std::string> problems_of(const JobsFile& file) {
    std::vector<std::string> messages;
    for (const auto& problem : load_config(file.path, k_no_env).problems) {
        messages.push_back(problem.to_string());
    }
    return messages;
}

std::string fingerprint_of(const std::string& paging,
                           const std::string& output = "{sink: out, mode: append}") {
    JobsFile file(paging, "{type: sqlite, path: /var/lib/out.db}",
                  output);  // the same path from every folder
    const LoadedConfig loaded = load_config(file.path, k_no_env);
    REQUIRE(loaded.problems.empty());
    return job_fingerprint(loaded.config, loaded.config.jobs.at(0));
}

}  // namespace

TEST_CASE("every registered paging kind has a table, a maker, and its name once") {
    std::set<std::string> names;
    for (const auto& kind : paging_kinds()) {
        INFO(kind.name);
        CHECK(names.insert(kind.name).second);
        CHECK_FALSE(kind.description.empty());
        REQUIRE(kind.make);
        CHECK(find_field(kind.fields, "records"));
        CHECK(find_field(kind.fields, "has_more"));  // the stop signals every walk honours
        CHECK(find_field(kind.fields, "last_page"));
        CHECK(make_paginator(paging_spec(kind.name)) != nullptr);
    }
    CHECK(names == std::set<std::string>{"offset", "page", "cursor", "next_url", "none"});
}

TEST_CASE("every registered sink type has a table, modes, a maker and its files") {
    for (const auto& type : sink_types()) {
        INFO(type.name);
        CHECK_FALSE(type.modes.empty());
        CHECK(takes_mode(type, OutputMode::append));
        CHECK(type.make);
        CHECK(type.files);
        CHECK(find_field(type.fields, "path"));
    }
}

TEST_CASE("an unknown paging type or sink type is refused, naming the known ones") {
    CHECK(
        problems_of(JobsFile("{type: link}")) ==
        std::vector<std::string>{
            "jobs.j.paging.type: must be one of offset, page, cursor, next_url, none, not 'link'"});
    CHECK(problems_of(JobsFile("{type: none}", "{type: parquet, path: x}")) ==
          std::vector<std::string>{"sinks.out.type: must be one of sqlite, jsonl, not 'parquet'"});
}

TEST_CASE("a sink type's output settings are its own: a table is a sqlite output's") {
    CHECK(problems_of(
              JobsFile("{type: none}", "{type: sqlite, path: out.db}", "{sink: out, table: items}"))
              .empty());
    CHECK(problems_of(JobsFile("{type: none}", "{type: jsonl, path: out.jsonl}",
                               "{sink: out, tabel: items}")) ==
          std::vector<std::string>{"jobs.j.output.tabel: unknown key (did you mean 'table'?)"});
}

TEST_CASE(
    "a sqlite output's table defaults to the job's name, other characters than letters and digits "
    "as _") {
    JobsFile file("{type: none}", "{type: sqlite, path: out.db}",
                  "[{sink: out}, {sink: out, table: my-items}]");
    const LoadedConfig loaded = load_config(file.path, k_no_env);
    REQUIRE(loaded.problems.empty());
    CHECK(loaded.config.jobs.at(0).outputs.at(0).fields.text("table") == "j");
    CHECK(loaded.config.jobs.at(0).outputs.at(1).fields.text("table") == "my_items");
}

TEST_CASE(
    "every setting that moves a position is in the fingerprint, and a cap or a concurrency is "
    "not") {
    const std::string base = "{type: offset, limit: 10, total: t, records: data}";
    const std::string fingerprint = fingerprint_of(base);
    CHECK(fingerprint_of("{type: offset, limit: 10, total: t, records: data}") == fingerprint);
    CHECK(fingerprint_of("{type: offset, limit: 20, total: t, records: data}") != fingerprint);
    CHECK(fingerprint_of("{type: offset, limit: 10, total: t, records: items}") != fingerprint);
    CHECK(
        fingerprint_of("{type: offset, limit: 10, total: t, records: data, offset_param: skip}") !=
        fingerprint);
    CHECK(fingerprint_of("{type: page, limit: 10, total: t, records: data}") != fingerprint);
    CHECK(fingerprint_of(
              "{type: offset, limit: 10, total: t, records: data, max_pages: 5, concurrency: 4}") ==
          fingerprint);
    CHECK(fingerprint_of(base, "{sink: out, mode: replace}") != fingerprint);
    CHECK(fingerprint_of(base, "{sink: out, table: other}") != fingerprint);
}

TEST_CASE("a bad paging type still has the rest of its block checked") {
    CHECK(problems_of(JobsFile("{type: link, limt: 5}")) ==
          std::vector<std::string>{
              "jobs.j.paging.type: must be one of offset, page, cursor, next_url, none, not 'link'",
              "jobs.j.paging.limt: unknown key (did you mean 'limit'?)"});
}

TEST_CASE("a setting of another paging kind is checked for its type, then ignored") {
    CHECK(problems_of(JobsFile("{type: none, limit: 0}")) ==
          std::vector<std::string>{"jobs.j.paging.limit: must be a positive integer, not '0'"});
    CHECK(problems_of(JobsFile("{type: offset, page_param: p, cursor: next}")).empty());
    CHECK(fingerprint_of("{type: offset, page_param: p}") == fingerprint_of("{type: offset}"));
}

TEST_CASE("a required text may not be empty: a cursor path, a sink's path") {
    CHECK(problems_of(JobsFile("{type: cursor, cursor: ''}")) ==
          std::vector<std::string>{"jobs.j.paging.cursor: must not be empty"});
    CHECK(problems_of(JobsFile("{type: cursor}")) ==
          std::vector<std::string>{"jobs.j.paging.cursor: is required"});
    CHECK(problems_of(JobsFile("{type: none}", "{type: sqlite, path: ''}")) ==
          std::vector<std::string>{"sinks.out.path: must not be empty"});
}
