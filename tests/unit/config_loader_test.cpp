#include "config/config_loader.hpp"

#include <catch2/catch.hpp>

#include <Poco/File.h>
#include <Poco/TemporaryFile.h>

#include <fstream>
#include <map>

using namespace apirunner;

namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
    return [vars](const std::string& name) -> std::optional<std::string> {
        auto found = vars.find(name);
        return found == vars.end() ? std::nullopt : std::optional<std::string>(found->second);
    };
}

struct ConfigFile {
    Poco::TemporaryFile dir;
    std::string path;
    explicit ConfigFile(const std::string& yaml) {
        Poco::File(dir.path()).createDirectories();
        path = dir.path() + "/jobs.yaml";
        std::ofstream(path) << yaml;
    }
};

const char* k_good = R"(version: 1
providers:
  mm:
    plugin: mediamath
    base_url: ${API:-http://127.0.0.1:1/mm}
    credentials:
      username: ada
      password_file: secret.txt
    options: {scope: offline_access}
sinks:
  db: {type: sqlite, path: out/x.sqlite}
  files: {type: jsonl, path: "out/{job}.jsonl"}
jobs:
  orgs:
    provider: mm
    request: {path: /api/v3.0/organizations, params: {sort_by: id}}
    paging: {type: offset, limit: 50, limit_param: page_limit, offset_param: page_offset, records: data, total: meta.total_count}
    primary_key: id
    output:
      - {sink: db, table: orgs, mode: merge}
      - {sink: files, mode: replace}
)";

std::vector<std::string> messages(const LoadedConfig& loaded) {
    std::vector<std::string> out;
    for (const auto& problem : loaded.problems) {
        out.push_back(problem.to_string());
    }
    return out;
}

// The problems of the good file with its job's paging block replaced by `paging`, and its
// request path by `path`.
std::vector<std::string> problems_with(const std::string& paging,
                                       const std::string& path = "/api/v3.0/organizations") {
    std::string yaml = k_good;
    yaml.replace(yaml.find("/api/v3.0/organizations"), 23, path);
    const std::string usual = yaml.substr(
        yaml.find("paging: {"), yaml.find("}\n    primary_key") - yaml.find("paging: {") + 1);
    yaml.replace(yaml.find(usual), usual.size(), "paging: " + paging);
    ConfigFile file(yaml);
    std::ofstream(file.dir.path() + "/secret.txt") << "pw";
    return messages(load_config(file.path, env_of({})));
}

// The problems of the good file with an `incremental` block in its job and its second output's
// mode replaced by `mode`.
std::vector<std::string> incremental_problems(const std::string& incremental,
                                              const std::string& mode = "merge") {
    std::string yaml = k_good;
    yaml.replace(yaml.find("    primary_key: id\n"), 20,
                 "    primary_key: id\n    incremental: " + incremental + "\n");
    yaml.replace(yaml.find("mode: replace"), 13, "mode: " + mode);
    ConfigFile file(yaml);
    std::ofstream(file.dir.path() + "/secret.txt") << "pw";
    return messages(load_config(file.path, env_of({})));
}

}  // namespace

TEST_CASE("a good file loads into structs, with *_file secrets read and paths made absolute") {
    ConfigFile file(k_good);
    std::ofstream(file.dir.path() + "/secret.txt") << "SENTINEL-pw\n";
    LoadedConfig loaded = load_config(file.path, env_of({}));
    REQUIRE(messages(loaded).empty());
    const JobsConfig& config = loaded.config;
    CHECK(config.state_path == file.dir.path() + "/.apirunner/state.db");
    const ProviderSpec& mm = config.providers.at("mm");
    CHECK(mm.base_url == "http://127.0.0.1:1/mm");
    CHECK(mm.settings.at("password").text == "SENTINEL-pw");
    CHECK(mm.settings.at("password").path == "providers.mm.credentials.password_file");
    CHECK(mm.settings.at("scope").text == "offline_access");
    CHECK(config.sinks.at("db").fields.text("path") == file.dir.path() + "/out/x.sqlite");
    const JobSpec& job = config.jobs.at(0);
    CHECK(job.paging.kind->name == "offset");
    CHECK(job.paging.fields.integer("limit") == 50);
    CHECK(job.paging.fields.text("total") == "meta.total_count");
    CHECK(job.request.params.at(0) == std::make_pair(std::string("sort_by"), std::string("id")));
    REQUIRE(job.outputs.size() == 2);
    CHECK(job.outputs[0].mode == OutputMode::merge);
    CHECK(job.outputs[0].fields.text("table") == "orgs");
    CHECK(job.outputs[1].mode == OutputMode::replace);
    CHECK_FALSE(job.outputs[1].fields.has("table"));  // a jsonl output has no table
}

TEST_CASE("three mistakes give three problems, each with its path") {
    std::string yaml = k_good;
    yaml.replace(yaml.find("limit: 50"), 9, "limit: -3");
    yaml.replace(yaml.find("mode: merge"), 11, "mode: upsert");
    yaml.replace(yaml.find("provider: mm"), 12, "provider: nm");
    ConfigFile file(yaml);
    std::ofstream(file.dir.path() + "/secret.txt") << "pw";
    auto problems = messages(load_config(file.path, env_of({})));
    REQUIRE(problems.size() == 3);
    CHECK(problems[0] == "jobs.orgs.provider: no provider named 'nm'");
    CHECK(problems[1] == "jobs.orgs.paging.limit: must be a positive integer, not '-3'");
    CHECK(problems[2] ==
          "jobs.orgs.output[0].mode: must be one of append, replace, merge, not 'upsert'");
}

TEST_CASE("unknown keys are reported with a suggestion") {
    std::string yaml = k_good;
    yaml.replace(yaml.find("primary_key"), 11, "primery_key");
    ConfigFile file(yaml);
    std::ofstream(file.dir.path() + "/secret.txt") << "pw";
    auto problems = messages(load_config(file.path, env_of({})));
    CHECK(std::find(problems.begin(), problems.end(),
                    "jobs.orgs.primery_key: unknown key (did you mean 'primary_key'?)") !=
          problems.end());
}

TEST_CASE("an unset variable and an unreadable secret file are named, never their contents") {
    std::string yaml = k_good;
    yaml.replace(yaml.find("username: ada"), 13, "username: ${MM_USER}");
    ConfigFile file(yaml);
    auto problems = messages(load_config(file.path, env_of({})));
    REQUIRE(problems.size() == 2);
    CHECK(problems[0] ==
          "providers.mm.credentials.username: environment variable MM_USER is not set");
    CHECK(problems[1] == "providers.mm.credentials.password_file: cannot read the file '" +
                             file.dir.path() + "/secret.txt'");
}

TEST_CASE("malformed YAML is one problem with line and column") {
    ConfigFile file("version: 1\nproviders: [unclosed\n");
    auto problems = messages(load_config(file.path, env_of({})));
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Catch::Contains("jobs.yaml:") && Catch::Contains("not valid YAML"));
}

TEST_CASE("a file that is not a mapping, or is empty, is refused") {
    CHECK(messages(load_config(ConfigFile("- a\n- b\n").path, env_of({}))) ==
          std::vector<std::string>{"must be a mapping of keys to values"});
    CHECK(messages(load_config(ConfigFile("").path, env_of({}))) ==
          std::vector<std::string>{"must be a mapping of keys to values"});
}

TEST_CASE("merge needs a primary key and a sqlite sink") {
    std::string yaml = k_good;
    yaml.replace(yaml.find("    primary_key: id\n"), 20, "");
    yaml.replace(yaml.find("{sink: files, mode: replace}"), 28, "{sink: files, mode: merge}");
    ConfigFile file(yaml);
    std::ofstream(file.dir.path() + "/secret.txt") << "pw";
    auto problems = messages(load_config(file.path, env_of({})));
    CHECK(problems ==
          std::vector<std::string>{
              "jobs.orgs.output[0].mode: merge needs the job's primary_key",
              "jobs.orgs.output[1].mode: merge needs a sqlite sink; jsonl takes append or replace",
              "jobs.orgs.output[1].mode: merge needs the job's primary_key"});
}

TEST_CASE("a missing file is one clear problem") {
    auto problems = messages(load_config("/nonexistent/jobs.yaml", env_of({})));
    CHECK(problems == std::vector<std::string>{"no config file '/nonexistent/jobs.yaml'"});
}

TEST_CASE("paging.concurrency is refused where pages cannot be planned, with the reason") {
    CHECK(problems_with(
              "{type: offset, limit: 50, records: data, total: meta.total_count, concurrency: 8}")
              .empty());
    CHECK(problems_with("{type: cursor, cursor: next, concurrency: 2}") ==
          std::vector<std::string>{
              "jobs.orgs.paging.concurrency: works with offset and page paging only: cursor "
              "paging learns each request from the page before"});
    CHECK(problems_with("{type: offset, records: data, concurrency: 2}") ==
          std::vector<std::string>{
              "jobs.orgs.paging.concurrency: needs 'total' (or 'total_pages' for page paging): "
              "without a total there is no knowing which pages are left"});
    CHECK(
        problems_with("{type: offset, records: data, total_pages: pages, concurrency: 2}").size() ==
        1);
    CHECK(problems_with("{type: offset, records: data, limit_param: '', total: t, concurrency: 2}")
              .empty());
    CHECK(problems_with("{type: page, total_pages: pages, concurrency: 33}") ==
          std::vector<std::string>{"jobs.orgs.paging.concurrency: is at most 32"});
    CHECK(problems_with("{type: page, total_pages: pages, concurrency: 0}").size() == 1);
}

TEST_CASE("paths and stop flags are checked at load, each mistake with its setting's path") {
    CHECK(
        problems_with(R"({type: next_url, next: '["@odata.nextLink"]', records: value})").empty());
    CHECK(problems_with("{type: cursor, cursor: 'data[-1].id', has_more: has_more, records: data}")
              .empty());
    CHECK(problems_with("{type: offset, records: values, last_page: isLast}").empty());
    CHECK(problems_with("{type: cursor, cursor: 'data[-1', records: data}") ==
          std::vector<std::string>{
              "jobs.orgs.paging.cursor: is not a path: a '[' without its ']' at character 5 "
              "(keys with dots go in brackets and quotes: [\"@odata.nextLink\"])"});
    CHECK_THAT(problems_with("{type: offset, records: 'data[-1]'}").at(0),
               Catch::Equals("jobs.orgs.paging.records: cannot count from the end ([-1]): name "
                             "the list's place from the start"));
    CHECK_THAT(problems_with("{type: page, total_pages: 'meta[x]'}").at(0),
               Catch::StartsWith("jobs.orgs.paging.total_pages: is not a path: '[x]'"));
    CHECK_THAT(problems_with("{type: none, has_more: 'more]'}").at(0),
               Catch::StartsWith("jobs.orgs.paging.has_more: is not a path: a ']' without"));
    CHECK(problems_with("{type: cursor, cursor: c, has_more: more, last_page: done}") ==
          std::vector<std::string>{
              "jobs.orgs.paging.last_page: and has_more say the same thing: set one of them"});
    CHECK_THAT(problems_with("{type: cursor, cursor: c, has_mor: more}").at(0),
               Catch::Contains("jobs.orgs.paging.has_mor") && Catch::Contains("has_more"));
}

TEST_CASE("request parts: headers, a JSON body typed as YAML types it, and their mistakes") {
    const auto load = [](const std::string& request, const std::string& paging) {
        std::string yaml = k_good;
        yaml.replace(
            yaml.find("request: {path: /api/v3.0/organizations, params: {sort_by: id}}"),
            std::string("request: {path: /api/v3.0/organizations, params: {sort_by: id}}").size(),
            "request: " + request);
        const std::string usual = yaml.substr(
            yaml.find("paging: {"), yaml.find("}\n    primary_key") - yaml.find("paging: {") + 1);
        yaml.replace(yaml.find(usual), usual.size(), "paging: " + paging);
        ConfigFile file(yaml);
        std::ofstream(file.dir.path() + "/secret.txt") << "pw";
        return load_config(file.path, env_of({{"DB", "d-42"}, {"VERSION", "2022-06-28"}}));
    };
    const auto good = load(
        "{method: POST, path: '/v1/databases/${DB}/query', idempotent: true,\n"
        "      headers: {Notion-Version: '${VERSION}'},\n"
        "      body: {filter: {property: Done, checkbox: {equals: true}}, size: 5, n: '5',\n"
        "             ratio: 0.5, none: null, list: [a, 1]}}",
        "{type: cursor, cursor: next_cursor, cursor_param: start_cursor, limit_param: page_size, "
        "inject: body, records: results}");
    REQUIRE(messages(good).empty());
    const RequestSpec& request = good.config.jobs.at(0).request;
    CHECK(request.path == "/v1/databases/d-42/query");
    CHECK(request.idempotent);
    CHECK(request.headers ==
          std::vector<std::pair<std::string, std::string>>{{"Notion-Version", "2022-06-28"}});
    CHECK(request.body == std::optional<std::string>(
                              R"({"filter":{"property":"Done","checkbox":{"equals":true}},)"
                              R"("size":5,"n":"5","ratio":0.5,"none":null,"list":["a",1]})"));
    CHECK(messages(load("{path: /x, body: {a: 1}}", "{type: none}")) ==
          std::vector<std::string>{
              "jobs.orgs.request.body: is sent with a POST: set request.method: POST"});
    CHECK(messages(load("{path: /x}", "{type: cursor, cursor: c, inject: body}")) ==
          std::vector<std::string>{"jobs.orgs.paging.inject: body puts the paging values in a "
                                   "POST's JSON body: set request.method: POST"});
    CHECK_THAT(messages(load("{path: /x}", "{type: cursor, cursor: c, inject: path}")).at(0),
               Catch::StartsWith("jobs.orgs.paging.inject: must be one of query, body, header"));
    CHECK_THAT(messages(load("{path: /x, headers: {'Bad Name': v}}", "{type: none}")).at(0),
               Catch::StartsWith("jobs.orgs.request.headers.Bad Name: is not a header"));
    CHECK_THAT(messages(load("{path: /x, headers: [a]}", "{type: none}")).at(0),
               Catch::Equals("jobs.orgs.request.headers: must be a mapping of names to values"));
    CHECK_THAT(
        messages(load("{method: POST, path: /x, body: {k: '${UNSET}'}}", "{type: none}")).at(0),
        Catch::StartsWith("jobs.orgs.request.body.k: ") && Catch::Contains("UNSET"));
    CHECK_THAT(messages(load("{path: /x, header: {a: b}}", "{type: none}")).at(0),
               Catch::Contains("did you mean 'headers'"));
}

TEST_CASE("request.path: paging values in braces must be ones every request sends") {
    const auto problems = [](const std::string& path, const std::string& paging) {
        return problems_with(paging, path);
    };
    CHECK(problems("'/v2/posts/page/{page}'", "{type: page, limit: 10, limit_param: per_page}")
              .empty());
    CHECK(problems("'/v2/posts/page/{pag}'", "{type: page, limit: 10, limit_param: per_page}") ==
          std::vector<std::string>{
              "jobs.orgs.request.path: {pag} names no paging value that every request sends "
              "(these are: per_page, page) (did you mean 'page'?)"});
    // A cursor is not there on the first request, which would have a hole in its path.
    CHECK(problems("'/v1/after/{after}'", "{type: cursor, cursor: next, cursor_param: after}") ==
          std::vector<std::string>{
              "jobs.orgs.request.path: {after} names no paging value that every request sends "
              "(these are: limit)"});
    CHECK(problems("'/v1/{id}'", "{type: none}") ==
          std::vector<std::string>{"jobs.orgs.request.path: {id} names no paging value that "
                                   "every request sends (this job's paging sends none)"});
    CHECK(problems("'/v1/{id'", "{type: none}") ==
          std::vector<std::string>{"jobs.orgs.request.path: has a '{' without its '}' (write a "
                                   "literal brace as %7B)"});
}

TEST_CASE(
    "request body: a value from a variable stays text, and what YAML cannot say in JSON is "
    "refused") {
    const auto body_of = [](const std::string& body, std::vector<std::string>* problems) {
        std::string yaml = k_good;
        const std::string usual = "request: {path: /api/v3.0/organizations, params: {sort_by: id}}";
        yaml.replace(yaml.find(usual), usual.size(),
                     "request:\n      method: POST\n      path: /x\n      body: " + body);
        ConfigFile file(yaml);
        std::ofstream(file.dir.path() + "/secret.txt") << "pw";
        const auto loaded = load_config(file.path, env_of({{"ACCOUNT", "00123"}}));
        *problems = messages(loaded);
        return problems->empty() ? loaded.config.jobs.at(0).request.body.value_or("")
                                 : std::string();
    };
    std::vector<std::string> problems;
    CHECK(body_of("\n        account: '${ACCOUNT}'\n        plain: ${ACCOUNT}\n"
                  "        count: 00123\n        text: !!str 7",
                  &problems) == R"({"account":"00123","plain":"00123","count":123,"text":"7"})");
    body_of("&loop {a: *loop}", &problems);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Catch::Contains("nests deeper than 64 levels"));
    body_of("{base: &b {x: 1}, y: {<<: *b}}", &problems);
    CHECK(problems == std::vector<std::string>{"jobs.orgs.request.body.y.<<: merge keys are not "
                                               "read: write the keys out"});
    body_of("{a: 1, a: 2}", &problems);
    CHECK(problems == std::vector<std::string>{"jobs.orgs.request.body.a: is given twice"});
    body_of("{[a, b]: 1}", &problems);
    CHECK(problems ==
          std::vector<std::string>{"jobs.orgs.request.body: has a key that is not text"});
}

TEST_CASE("incremental: each mistake is named with its setting's path") {
    const auto problems = incremental_problems;
    CHECK(
        problems("{cursor: updated_at, param: since, start: 30d, lookback: 5m}", "append").empty());
    CHECK(problems("{cursor: updated_at, param: since}", "replace") ==
          std::vector<std::string>{"jobs.orgs.output[1].mode: replace would keep only what "
                                   "changed since the bookmark: an incremental job takes merge "
                                   "or append"});
    CHECK(problems("{cursor: updated_at, param: since, format: iso}", "append").at(0) ==
          "jobs.orgs.incremental.format: must be iso8601, epoch_s, epoch_ms, date, number, text "
          "or a strftime pattern with a '%' (%Y%m%d), not 'iso'");
    CHECK(problems("{cursor: updated_at, param: since, start: last week}", "append").at(0) ==
          "jobs.orgs.incremental.start: must be a time (2026-01-01T00:00:00Z, 2026-01-01) or a "
          "span back from now (30d), not 'last week'");
    CHECK(problems("{cursor: seq, param: after, format: number, lookback: 5m}", "append").at(0) ==
          "jobs.orgs.incremental.lookback: takes a span off a time: format number has no times");
    CHECK(problems("{cursor: '$', param: since}", "append").at(0) ==
          "jobs.orgs.incremental.cursor: must name a field of each record (updated_at)");
    CHECK_THAT(problems("{cursor: updated_at}", "append").at(0),
               Catch::StartsWith("jobs.orgs.incremental.param: "));
    CHECK_THAT(problems("{cursor: updated_at, param: since, lookbak: 5m}", "append").at(0),
               Catch::Contains("did you mean 'lookback'"));
}

TEST_CASE("incremental: windows need a time range to walk, and order is one of three") {
    const auto problems = [](const std::string& incremental) {
        return incremental_problems(incremental, "append");
    };
    CHECK(problems("{cursor: t, param: from, end_param: to, format: date, start: 30d, window: 7d}")
              .empty());
    CHECK(problems("{cursor: t, param: from, format: date, start: 30d, window: 7d}") ==
          std::vector<std::string>{"jobs.orgs.incremental.window: walks a range of times from "
                                   "start: it needs a time format, param, end_param and start"});
    CHECK(problems("{cursor: t, param: from, end_param: to, start: 30d, window: weekly}") ==
          std::vector<std::string>{
              "jobs.orgs.incremental.window: must be a span such as 1d or 7d (at most 36600d), "
              "not 'weekly'"});
    CHECK(problems("{cursor: t, order: descending}").empty());  // no filter: param may be left out
    CHECK_THAT(problems("{cursor: t, order: newest}").at(0),
               Catch::StartsWith("jobs.orgs.incremental.order: must be one of"));
}

TEST_CASE("incremental: a token bookmark needs a walk that can start from it, and no time spans") {
    const auto problems = [](const std::string& incremental) {
        return incremental_problems(incremental, "append");
    };
    // The good file pages by offset, which has no position a token could give.
    CHECK(problems("{token: sync_token}") ==
          std::vector<std::string>{
              "jobs.orgs.incremental.token: paging type offset cannot start a walk from a token "
              "(cursor and next_url can): set token_param, the parameter the next run sends it "
              "in"});
    CHECK(problems("{token: sync_token, token_param: syncToken}").empty());
    CHECK(problems("{token: next, token_param: t, param: since, start: 30d}").empty());
    CHECK(problems("{token: next, token_param: t, lookback: 5m}") ==
          std::vector<std::string>{"jobs.orgs.incremental.lookback: lookback has no meaning for a "
                                   "token, which the provider compares"});
    CHECK(problems("{token: next, token_param: t, order: descending}").size() == 1);
    CHECK(problems("{token: next, cursor: updated_at, param: since}") ==
          std::vector<std::string>{"jobs.orgs.incremental.token: set only one of cursor (a field "
                                   "of each record: updated_at) and token (a value of the walk's "
                                   "last page: a sync token, a delta link)"});
    CHECK_THAT(problems("{param: since}").at(0),
               Catch::StartsWith("jobs.orgs.incremental.cursor: set one of cursor"));
    CHECK_THAT(problems("{token: 'a[', token_param: t}").at(0),
               Catch::StartsWith("jobs.orgs.incremental.token: "));
    // One message each, naming what to do, for what a token cannot use or needs.
    CHECK(problems("{token: '$', token_param: t}") ==
          std::vector<std::string>{
              "jobs.orgs.incremental.token: must name a value of the page (after_cursor)"});
    CHECK(problems("{token: next, token_param: t, window: 7d}") ==
          std::vector<std::string>{"jobs.orgs.incremental.window: window has no meaning for a "
                                   "token, which the provider compares"});
    CHECK(problems("{token: next, token_param: t, start: 30d}") ==
          std::vector<std::string>{"jobs.orgs.incremental.start: is sent in param with the first "
                                   "run's first request: set param"});
    CHECK(problems("{cursor: updated_at, param: since, token_param: t}") ==
          std::vector<std::string>{"jobs.orgs.incremental.token_param: goes with token: a cursor "
                                   "bookmark is sent in param"});
}

TEST_CASE("incremental: append with a lookback loads, with a warning naming the output") {
    std::string yaml = k_good;
    yaml.replace(yaml.find("    primary_key: id\n"), 20,
                 "    primary_key: id\n    incremental: {cursor: t, param: since, lookback: 5m}\n");
    yaml.replace(yaml.find("mode: replace"), 13, "mode: append");
    ConfigFile file(yaml);
    std::ofstream(file.dir.path() + "/secret.txt") << "pw";
    const LoadedConfig loaded = load_config(file.path, env_of({}));
    CHECK(loaded.problems.empty());
    REQUIRE(loaded.warnings.size() == 1);
    CHECK(loaded.warnings[0].to_string() ==
          "jobs.orgs.output[1].mode: append stores the records of incremental.lookback again on "
          "every run; merge keeps one row a primary key");
}
