#include "config/config_loader.hpp"

#include "incremental/bookmark.hpp"
#include "schedule/instant.hpp"

#include "paging/paginator.hpp"
#include "paging/path_template.hpp"
#include "schedule/schedule.hpp"
#include "settings/field_table.hpp"
#include "settings/yaml_json.hpp"
#include "settings/yaml_map.hpp"
#include "sinks/sink_type.hpp"

#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/NumberParser.h>
#include <Poco/Path.h>
#include <Poco/String.h>

#include <algorithm>
#include <sstream>

namespace apirunner {
namespace {

// The longest span a lookback, window or start may be: a century, far past any real one and far
// inside the range of the times compared.
constexpr std::chrono::seconds k_longest_span{100LL * 366 * 86400};

// Reads a *_file secret. The message names the field and the file, never what is inside.
std::optional<std::string> read_secret_file(const std::string& file, const std::string& path,
                                            ConfigProblems& problems) {
    try {
        Poco::FileInputStream in(file);
        std::ostringstream text;
        text << in.rdbuf();
        std::string value = text.str();
        while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) {
            value.pop_back();
        }
        return value;
    } catch (const Poco::Exception&) {
        problems.push_back({path, "cannot read the file '" + file + "'"});
        return std::nullopt;
    }
}

// The rows of `tables` that `chosen` (may be null) lacks, each once and never required: the
// settings of other paging kinds or sink types. A file may hold them from before (apirunner
// always took them); they are still checked for their types, then ignored.
FieldTable other_pieces_fields(const std::vector<const FieldTable*>& tables,
                               const FieldTable* chosen) {
    FieldTable others;
    for (const FieldTable* table : tables) {
        for (FieldSpec field : *table) {
            if ((!chosen || !find_field(*chosen, field.name)) && !find_field(others, field.name)) {
                field.required = false;
                others.push_back(field);
            }
        }
    }
    return others;
}

template <typename Pieces, typename Table>
std::vector<const FieldTable*> tables_of(const Pieces& pieces, Table table) {
    std::vector<const FieldTable*> tables;
    for (const auto& piece : pieces) {
        tables.push_back(&(piece.*table));
    }
    return tables;
}

class Loader {
  public:
    Loader(JobsConfig& config, ConfigProblems& problems, ConfigProblems& warnings,
           const EnvLookup& env)
        : m_config(config), m_problems(problems), m_warnings(warnings), m_env(env) {}

    void load(const YAML::Node& root) {
        YamlMap top(root, "", m_env, m_problems);
        if (!top.valid()) {
            return;
        }
        if (auto version = top.string("version", true); version && *version != "1") {
            top.problem("version", "must be 1, not '" + *version + "'");
        }
        m_config.state_path =
            absolute_path(m_config.base_dir, top.string("state").value_or(".apirunner/state.db"));
        if (auto name = top.string("state_key_env")) {
            const auto key = m_env(*name);
            if (!key || key->empty()) {
                top.problem("state_key_env", "environment variable " + *name + " is not set");
            } else {
                m_config.state_key = *key;
            }
        }
        m_config.max_parallel_jobs = static_cast<int>(
            top.positive_integer("max_parallel_jobs").value_or(m_config.max_parallel_jobs));
        load_each(top, "providers", [this](auto& map, auto& name) { load_provider(map, name); });
        load_each(top, "sinks", [this](auto& map, auto& name) { load_sink(map, name); });
        load_each(top, "jobs", [this](auto& map, auto& name) { load_job(map, name); });
        top.finish();
    }

  private:
    template <typename LoadOne>
    void load_each(YamlMap& top, const std::string& section, LoadOne load_one) {
        YAML::Node node = top.node(section, true);
        if (node.IsNull()) {
            return;
        }
        if (!node.IsMap() || node.size() == 0) {
            top.problem(section, "must be a mapping with at least one entry");
            return;
        }
        for (const auto& entry : node) {
            const std::string name = entry.first.as<std::string>("");
            YamlMap map(entry.second, section + "." + name, m_env, m_problems);
            if (map.valid()) {
                load_one(map, name);
                map.finish();
            }
        }
    }

    void add_setting(ProviderSpec& provider, const std::string& name, const std::string& path,
                     const std::string& text) {
        provider.settings[name] = SettingValue{path, text};
    }

    // Under credentials:, a key X_file reads X from that file.
    void load_scalars(ProviderSpec& provider, YamlMap& map, const std::string& key,
                      bool reads_files) {
        YAML::Node node = map.node(key);
        if (node.IsNull()) {
            return;
        }
        if (!node.IsMap()) {
            map.problem(key, "must be a mapping of names to values");
            return;
        }
        for (const auto& entry : node) {
            std::string name = entry.first.as<std::string>("");
            const std::string path = map.child_path(key) + "." + name;
            auto value = scalar_text(entry.second, path, m_env, m_problems);
            if (!value) {
                continue;
            }
            const bool from_file =
                name.size() > 5 && name.compare(name.size() - 5, 5, "_file") == 0;
            if (reads_files && from_file) {
                name.erase(name.size() - 5);
                provider.secret_files.push_back(absolute_path(m_config.base_dir, *value));
                value = read_secret_file(provider.secret_files.back(), path, m_problems);
                if (!value) {
                    continue;
                }
            }
            add_setting(provider, name, path, *value);
        }
    }

    void load_retry(ProviderSpec& provider, YamlMap& provider_map) {
        auto block = provider_map.block("retry");
        if (!block) {
            return;
        }
        YamlMap& map = *block;
        RetryPolicy& retry = provider.retry;
        retry.max_attempts =
            static_cast<int>(map.positive_integer("max_attempts").value_or(retry.max_attempts));
        retry.base_delay_ms = map.positive_integer("base_delay_ms").value_or(retry.base_delay_ms);
        retry.max_delay_ms = map.positive_integer("max_delay_ms").value_or(retry.max_delay_ms);
        retry.max_retry_time_ms =
            map.positive_integer("max_retry_time_ms").value_or(retry.max_retry_time_ms);
        retry.rate_limited_delay_ms =
            map.positive_integer("rate_limited_delay_ms").value_or(retry.rate_limited_delay_ms);
        if (retry.rate_limited_delay_ms > retry.max_delay_ms) {
            map.problem("rate_limited_delay_ms", "is longer than max_delay_ms (" +
                                                     std::to_string(retry.max_delay_ms) +
                                                     "): every 429 would end the job");
        }
        map.finish();
    }

    void load_rate_limit(ProviderSpec& provider, YamlMap& provider_map) {
        auto block = provider_map.block("rate_limit");
        if (!block) {
            return;
        }
        YamlMap& map = *block;
        provider.rate_limit.requests = map.positive_integer("requests").value_or(0);
        if (provider.rate_limit.requests == 0 && !map.node("requests").IsDefined()) {
            map.problem("requests", "is required");
        }
        if (auto per = map.string("per")) {
            if (auto period = parse_period_ms(*per)) {
                provider.rate_limit.per_ms = *period;
            } else {
                map.problem("per",
                            "must be a period such as 1s, 500ms, 1m or 1h, not '" + *per + "'");
            }
        }
        map.finish();
    }

    void load_provider(YamlMap& map, const std::string& name) {
        ProviderSpec provider;
        provider.name = name;
        provider.plugin = map.string("plugin", true).value_or("");
        for (const char* key : {"base_url", "auth_url", "grant"}) {
            if (auto value = map.string(key, std::string(key) == "base_url")) {
                add_setting(provider, key, map.child_path(key), *value);
            }
        }
        provider.base_url =
            provider.settings.count("base_url") ? provider.settings["base_url"].text : "";
        while (!provider.base_url.empty() && provider.base_url.back() == '/') {
            provider.base_url.pop_back();
        }
        load_scalars(provider, map, "credentials", true);
        load_scalars(provider, map, "options", false);
        load_retry(provider, map);
        load_rate_limit(provider, map);
        m_config.providers[name] = std::move(provider);
    }

    void load_sink(YamlMap& map, const std::string& name) {
        SinkSpec sink;
        sink.name = name;
        if (auto type = map.one_of("type", sink_type_names(), true)) {
            sink.type = find_sink_type(*type);
            sink.fields = read_fields(map, sink.type->fields, m_config.base_dir);
        }
        const FieldTable others = other_pieces_fields(tables_of(sink_types(), &SinkType::fields),
                                                      sink.type ? &sink.type->fields : nullptr);
        read_fields(map, others, m_config.base_dir);
        m_config.sinks[name] = sink;
    }

    void load_request(YamlMap& job, JobSpec& spec) {
        YamlMap map(job.node("request", true), job.child_path("request"), m_env, m_problems);
        if (!map.valid()) {
            return;
        }
        spec.request.method = map.one_of("method", {"GET", "POST"}).value_or("GET");
        spec.request.path = map.string("path", true).value_or("");
        if (!spec.request.path.empty() && spec.request.path.front() != '/') {
            map.problem("path", "must start with '/'");
        }
        spec.request.params = named_values(map, "params");
        spec.request.headers = named_values(map, "headers");
        for (const auto& [name, value] : spec.request.headers) {
            if (name.empty() || name.find_first_of(" \t\r\n:") != std::string::npos ||
                value.find_first_of("\r\n") != std::string::npos) {
                m_problems.push_back({map.child_path("headers") + "." + name,
                                      "is not a header a request can carry (a name without "
                                      "spaces or ':', a value on one line)"});
            }
        }
        spec.request.idempotent = map.boolean("idempotent").value_or(false);
        spec.request.end_on_status = end_statuses(map);
        YAML::Node body = map.node("body");
        if (!body.IsNull()) {
            spec.request.body = yaml_as_json(body, map.child_path("body"), m_env, m_problems);
            if (spec.request.method == "GET") {
                map.problem("body", "is sent with a POST: set request.method: POST");
            }
        }
        map.finish();
    }

    // `end_on_status`: a list of 4xx statuses; 401, 407 and 429 keep their own meaning.
    std::vector<int> end_statuses(YamlMap& map) {
        std::vector<int> statuses;
        YAML::Node node = map.node("end_on_status");
        if (!node.IsNull() && !node.IsSequence()) {
            map.problem("end_on_status", "must be a list of statuses, such as [400, 404]");
            return statuses;
        }
        for (std::size_t i = 0; i < node.size(); ++i) {
            const std::string path =
                map.child_path("end_on_status") + "[" + std::to_string(i) + "]";
            const auto text = scalar_text(node[i], path, m_env, m_problems);
            int status = 0;
            if (!text) {
                continue;
            }
            if (!Poco::NumberParser::tryParse(*text, status) || status < 400 || status > 499 ||
                status == 401 || status == 407 || status == 429) {
                m_problems.push_back({path,
                                      "must be a 4xx status other than 401, 407 and 429 "
                                      "(they renew the session or wait), not '" +
                                          *text + "'"});
                continue;
            }
            statuses.push_back(status);
        }
        return statuses;
    }

    // A mapping of names to scalar values (`params`, `headers`), in the file's order.
    std::vector<std::pair<std::string, std::string>> named_values(YamlMap& map,
                                                                  const std::string& key) {
        std::vector<std::pair<std::string, std::string>> values;
        YAML::Node node = map.node(key);
        if (!node.IsNull() && !node.IsMap()) {
            map.problem(key, "must be a mapping of names to values");
        } else if (node.IsMap()) {
            for (const auto& entry : node) {
                const std::string name = entry.first.as<std::string>("");
                if (auto value = scalar_text(entry.second, map.child_path(key) + "." + name, m_env,
                                             m_problems)) {
                    values.emplace_back(name, *value);
                }
            }
        }
        return values;
    }

    void load_paging(YamlMap& job, JobSpec& spec) {
        auto block = job.block("paging");
        if (!block) {
            return;
        }
        YamlMap& map = *block;
        if (const auto type = map.one_of("type", paging_kind_names(), true)) {
            spec.paging.kind = find_paging_kind(*type);
            spec.paging.fields = read_fields(map, spec.paging.kind->fields, m_config.base_dir);
            if (spec.paging.kind->check) {
                spec.paging.kind->check(spec.paging.fields, map);
            }
            if (inject_of(spec.paging) == Inject::body && spec.request.method != "POST") {
                map.problem("inject",
                            "body puts the paging values in a POST's JSON body: set "
                            "request.method: POST");
            } else if (inject_of(spec.paging) == Inject::body && spec.request.body &&
                       spec.request.body->front() != '{') {
                map.problem("inject", "body needs request.body to be a mapping, to hold them");
            }
        }
        const FieldTable others =
            other_pieces_fields(tables_of(paging_kinds(), &PagingKind::fields),
                                spec.paging.kind ? &spec.paging.kind->fields : nullptr);
        read_fields(map, others, m_config.base_dir);
        map.finish();
    }

    void load_output(const YAML::Node& node, const std::string& path, JobSpec& spec) {
        YamlMap map(node, path, m_env, m_problems);
        if (!map.valid()) {
            return;
        }
        OutputSpec output;
        output.sink = map.string("sink", true).value_or("");
        const auto mode = map.one_of("mode", output_mode_names()).value_or("append");
        output.mode = static_cast<OutputMode>(
            std::find(output_mode_names().begin(), output_mode_names().end(), mode) -
            output_mode_names().begin());
        const auto sink = m_config.sinks.find(output.sink);
        const SinkType* type = sink == m_config.sinks.end() ? nullptr : sink->second.type;
        if (!output.sink.empty() && sink == m_config.sinks.end()) {
            map.problem("sink", "no sink named '" + output.sink + "'");
        }
        if (type) {
            output.fields = read_fields(map, type->output_fields, m_config.base_dir);
            if (type->complete) {
                type->complete(output, spec.name);
            }
            if (!takes_mode(*type, output.mode)) {
                map.problem("mode", mode_refusal(output.mode, *type));
            }
        }
        const FieldTable others =
            other_pieces_fields(tables_of(sink_types(), &SinkType::output_fields),
                                type ? &type->output_fields : nullptr);
        read_fields(map, others, m_config.base_dir);
        map.finish();
        if (output.mode == OutputMode::merge && spec.primary_key.empty()) {
            m_problems.push_back({path + ".mode", "merge needs the job's primary_key"});
        }
        spec.outputs.push_back(output);
    }

    // "merge needs a sqlite sink; jsonl takes append or replace"
    static std::string mode_refusal(OutputMode mode, const SinkType& type) {
        std::string takers;
        for (const auto& other : sink_types()) {
            if (takes_mode(other, mode)) {
                takers += (takers.empty() ? "" : " or ") + other.name;
            }
        }
        std::string modes;
        for (std::size_t i = 0; i < type.modes.size(); ++i) {
            modes += std::string(i == 0                       ? ""
                                 : i + 1 == type.modes.size() ? " or "
                                                              : ", ") +
                     to_string(type.modes[i]);
        }
        return std::string(to_string(mode)) + " needs a " + takers + " sink; " + type.name +
               " takes " + modes;
    }

    void load_schedule(YamlMap& map, JobSpec& spec) {
        spec.schedule = map.string("schedule").value_or("");
        spec.timezone = map.string("timezone").value_or("UTC");
        spec.on_overlap = map.one_of("on_overlap", {"skip", "queue"}).value_or("skip") == "queue"
                              ? OnOverlap::queue
                              : OnOverlap::skip;
        spec.catch_up = map.boolean("catch_up").value_or(false);
        try {
            find_time_zone(spec.timezone);
        } catch (const std::invalid_argument& error) {
            map.problem("timezone", error.what());
            return;
        }
        if (spec.schedule.empty()) {
            return;
        }
        try {
            const Schedule schedule(spec.schedule, spec.timezone);
            if (!schedule.next_after(
                    date::floor<std::chrono::seconds>(std::chrono::system_clock::now()))) {
                map.problem("schedule", "'" + spec.schedule + "' never comes round (no such date)");
            }
        } catch (const std::invalid_argument& error) {
            map.problem("schedule", error.what());
        }
    }

    // `{name}` in request.path: braces that pair up, each naming a value that every request
    // sends (a page number, an offset, a page size, a bookmark with a start), so no request is
    // left with a hole.
    void check_path_values(YamlMap& job, const JobSpec& spec) {
        const std::string where = job.child_path("request") + ".path";
        if (const std::string problem = PathTemplate::problem(spec.request.path);
            !problem.empty()) {
            m_problems.push_back({where, problem});
            return;
        }
        std::vector<std::string> sent;
        if (const auto first = make_paginator(spec.paging)->next()) {
            for (const PageParam& param : first->params) {
                sent.push_back(param.name);
            }
        }
        // A bookmark of text is the provider's own text, which no path may carry; a first run
        // without a start sends no lower bound.
        const bool bookmark_in_path =
            spec.incremental && !spec.incremental->by_token() &&
            BookmarkFormat(spec.incremental->format).kind() != BookmarkKind::text;
        if (bookmark_in_path && !spec.incremental->start.empty()) {
            sent.push_back(spec.incremental->param);
        }
        if (bookmark_in_path && !spec.incremental->end_param.empty()) {
            sent.push_back(spec.incremental->end_param);
        }
        const PathTemplate path(spec.request.path);
        for (const std::string& name : path.names()) {
            if (spec.incremental && spec.incremental->by_token() &&
                name == spec.incremental->param) {
                m_problems.push_back({where, "{" + name +
                                                 "} goes with the first request only (a token "
                                                 "bookmark): it cannot go in the path"});
                continue;
            }
            if (spec.incremental && name == spec.incremental->param &&
                std::find(sent.begin(), sent.end(), name) == sent.end()) {
                m_problems.push_back(
                    {where, "{" + name +
                                "} is the bookmark's parameter: it can go in the path "
                                "with incremental.start set (the first run's value) "
                                "and a format of times or numbers"});
                continue;
            }
            if (std::find(sent.begin(), sent.end(), name) == sent.end()) {
                std::string those;
                for (const auto& each : sent) {
                    those += (those.empty() ? "" : ", ") + each;
                }
                m_problems.push_back(
                    {where, "{" + name + "} names no paging value that every request sends (" +
                                (sent.empty() ? std::string("this job's paging sends none")
                                              : "these are: " + those) +
                                ")" + did_you_mean(name, sent)});
            }
        }
    }

    // What a token bookmark cannot do with the settings of field bookmarks, and where it goes.
    void check_token(YamlMap& map, const JobSpec& spec, const IncrementalSpec& incremental) {
        const std::string why = " has no meaning for a token, which the provider compares";
        for (const auto& [name, set] :
             {std::pair<const char*, bool>{"lookback", incremental.lookback_s > 0},
              {"end_param", !incremental.end_param.empty()},
              {"order", incremental.descending}}) {
            if (set) {
                map.problem(name, std::string(name) + why);
            }
        }
        if (!incremental.start.empty() && incremental.param.empty()) {
            map.problem("start", "is sent in param with the first run's first request: set param");
        }
        if (incremental.token_param.empty() && !make_paginator(spec.paging)->start_from("")) {
            map.problem("token",
                        "paging type " +
                            std::string(spec.paging.kind ? spec.paging.kind->name : "(none)") +
                            " cannot start a walk from a token (cursor and next_url can): set "
                            "token_param, the parameter the next run sends it in");
        }
    }

    void load_incremental(YamlMap& job, JobSpec& spec) {
        auto block = job.block("incremental");
        if (!block) {
            return;
        }
        YamlMap& map = *block;
        IncrementalSpec incremental;
        incremental.cursor = map.string("cursor").value_or("");
        incremental.token = map.string("token").value_or("");
        if (incremental.cursor.empty() == incremental.token.empty()) {
            map.problem(incremental.cursor.empty() ? "cursor" : "token",
                        std::string(incremental.cursor.empty() ? "set one" : "set only one") +
                            " of cursor (a field of each record: updated_at) and token (a value "
                            "of the walk's last page: a sync token, a delta link)");
        }
        if (const auto problem = JsonPath::problem(incremental.cursor)) {
            map.problem("cursor", *problem);
        } else if (!incremental.cursor.empty() && JsonPath::parse(incremental.cursor).is_root()) {
            map.problem("cursor", "must name a field of each record (updated_at)");
        }
        if (const auto problem = JsonPath::problem(incremental.token)) {
            map.problem("token", *problem);
        } else if (incremental.by_token() && JsonPath::parse(incremental.token).is_root()) {
            map.problem("token", "must name a value of the page (after_cursor)");
        }
        incremental.token_param = map.string("token_param").value_or("");
        if (!incremental.token_param.empty() && !incremental.by_token()) {
            map.problem("token_param", "goes with token: a cursor bookmark is sent in param");
        }
        incremental.descending =
            map.one_of("order", {"ascending", "descending", "none"}).value_or("none") ==
            "descending";
        // A list newest first may have no filter at all: its walk stops by the cursor alone; a
        // token's first run may send none either.
        incremental.param =
            map.string("param", !incremental.descending && !incremental.by_token()).value_or("");
        incremental.end_param = map.string("end_param").value_or("");
        incremental.format = map.string("format").value_or(incremental.format);
        if (const std::string problem = BookmarkFormat::problem(incremental.format);
            !problem.empty()) {
            map.problem("format", problem);
        }
        incremental.inject =
            map.one_of("inject", {"query", "body", "header"}).value_or(incremental.inject);
        if (incremental.inject == "body" && spec.request.method != "POST") {
            map.problem("inject",
                        "body puts the bookmark in a POST's JSON body: set "
                        "request.method: POST");
        }
        const BookmarkKind kind = BookmarkFormat(incremental.format).kind();
        incremental.start = map.string("start").value_or("");
        const auto start_span = parse_span(incremental.start);
        const bool start_is_span =
            kind == BookmarkKind::time && start_span && *start_span <= k_longest_span;
        if (!incremental.start.empty() && !start_is_span &&
            !BookmarkFormat(incremental.format).read(incremental.start)) {
            map.problem("start", "must be " +
                                     std::string(kind == BookmarkKind::time
                                                     ? "a time (2026-01-01T00:00:00Z, 2026-01-01) "
                                                       "or a span back from now (30d)"
                                                     : "a " + incremental.format) +
                                     ", not '" + incremental.start + "'");
        }
        if (!incremental.end_param.empty() && kind != BookmarkKind::time) {
            map.problem("end_param", "sends the run's start time: format " + incremental.format +
                                         " has no times");
        }
        if (const auto lookback = map.string("lookback")) {
            const auto span = parse_span(*lookback);
            if (kind != BookmarkKind::time) {
                map.problem("lookback", "takes a span off a time: format " + incremental.format +
                                            " has no times");
            } else if (!span || *span > k_longest_span) {
                map.problem("lookback", "must be a span such as 90s, 30m, 2h or 1d (at most " +
                                            std::to_string(k_longest_span.count() / 86400) +
                                            "d), not '" + *lookback + "'");
            } else {
                incremental.lookback_s = span->count();
            }
        }
        if (const auto window = map.string("window"); window && incremental.by_token()) {
            map.problem("window", "window has no meaning for a token, which the provider compares");
        } else if (window) {
            const auto span = parse_span(*window);
            if (!span || span->count() == 0 || *span > k_longest_span) {
                map.problem("window", "must be a span such as 1d or 7d (at most " +
                                          std::to_string(k_longest_span.count() / 86400) +
                                          "d), not '" + *window + "'");
            } else if (kind != BookmarkKind::time || incremental.end_param.empty() ||
                       incremental.param.empty() || incremental.start.empty()) {
                map.problem("window",
                            "walks a range of times from start: it needs a time "
                            "format, param, end_param and start");
            } else {
                incremental.window_s = span->count();
            }
        }
        if (incremental.by_token() && incremental.cursor.empty()) {
            check_token(map, spec, incremental);
        }
        map.finish();
        for (std::size_t i = 0; i < spec.outputs.size(); ++i) {
            const std::string mode =
                job.child_path("output") +
                (spec.outputs.size() > 1 ? "[" + std::to_string(i) + "]" : std::string()) + ".mode";
            if (spec.outputs[i].mode == OutputMode::replace) {
                m_problems.push_back({mode,
                                      "replace would keep only what changed since the bookmark: "
                                      "an incremental job takes merge or append"});
            } else if (spec.outputs[i].mode == OutputMode::append && incremental.lookback_s > 0) {
                m_warnings.push_back({mode,
                                      "append stores the records of incremental.lookback again "
                                      "on every run; merge keeps one row a primary key"});
            }
        }
        spec.incremental = incremental;
    }

    void load_job(YamlMap& map, const std::string& name) {
        JobSpec spec;
        spec.name = name;
        spec.provider = map.string("provider", true).value_or("");
        if (!spec.provider.empty() && !m_config.providers.count(spec.provider)) {
            map.problem("provider", "no provider named '" + spec.provider + "'");
        }
        load_schedule(map, spec);
        spec.primary_key = map.string("primary_key").value_or("");
        spec.on_drift = map.one_of("on_drift", {"warn", "fail"}).value_or("warn") == "fail"
                            ? OnDrift::fail
                            : OnDrift::warn;
        if (auto schema = map.string("record_schema")) {
            spec.record_schema = absolute_path(m_config.base_dir, *schema);
            if (!Poco::File(spec.record_schema).exists()) {
                map.problem("record_schema", "no file '" + spec.record_schema + "'");
            }
        }
        load_request(map, spec);
        const std::size_t problems_before_paging = m_problems.size();
        load_paging(map, spec);
        YAML::Node output = map.node("output", true);
        if (output.IsSequence()) {
            for (std::size_t i = 0; i < output.size(); ++i) {
                load_output(output[i], map.child_path("output") + "[" + std::to_string(i) + "]",
                            spec);
            }
        } else if (!output.IsNull()) {
            load_output(output, map.child_path("output"), spec);
        }
        load_incremental(map, spec);
        if (m_problems.size() == problems_before_paging) {
            check_path_values(map, spec);
        }
        m_config.jobs.push_back(std::move(spec));
    }

    JobsConfig& m_config;
    ConfigProblems& m_problems;
    ConfigProblems& m_warnings;
    const EnvLookup& m_env;
};

}  // namespace

const char* to_string(OnOverlap value) { return value == OnOverlap::queue ? "queue" : "skip"; }

const char* to_string(OnDrift value) { return value == OnDrift::fail ? "fail" : "warn"; }

const JobSpec* JobsConfig::find_job(const std::string& name) const {
    for (const auto& job : jobs) {
        if (job.name == name) {
            return &job;
        }
    }
    return nullptr;
}

LoadedConfig load_config(const std::string& path, const EnvLookup& env) {
    LoadedConfig loaded;
    Poco::Path file(path);
    file.makeAbsolute();
    loaded.config.path = file.toString();
    loaded.config.base_dir = file.parent().toString();
    YAML::Node root;
    try {
        if (!Poco::File(file).exists()) {
            loaded.problems.push_back({"", "no config file '" + path + "'"});
            return loaded;
        }
        root = YAML::LoadFile(file.toString());
    } catch (const YAML::Exception& error) {
        loaded.problems.push_back({"", path + ":" + std::to_string(error.mark.line + 1) + ":" +
                                           std::to_string(error.mark.column + 1) +
                                           ": not valid YAML: " + error.msg});
        return loaded;
    } catch (const Poco::Exception& error) {
        loaded.problems.push_back({"", "cannot read '" + path + "': " + error.displayText()});
        return loaded;
    }
    Loader(loaded.config, loaded.problems, loaded.warnings, env).load(root);
    return loaded;
}

}  // namespace apirunner
