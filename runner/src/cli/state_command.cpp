// apirunner state: an incremental job's bookmark, shown, set by hand or reset (README,
// "Incremental").
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "config/config_loader.hpp"
#include "http/origin.hpp"
#include "incremental/bookmark.hpp"
#include "incremental/token_paginator.hpp"
#include "log/redactor.hpp"
#include "settings/problems.hpp"
#include "state/lock_file.hpp"
#include "state/state_db.hpp"

#include <algorithm>
#include <iomanip>

namespace apirunner {
namespace {

int usage(std::ostream& err, const std::string& message) {
    err << "apirunner: " << message
        << "\nusage: apirunner state show [JOB] | state set JOB VALUE | state reset JOB\n";
    return Poco::Util::Application::EXIT_USAGE;
}

// The incremental job named `name`, or null after saying why not.
const JobSpec* incremental_job(const JobsConfig& config, const std::string& name,
                               std::ostream& err) {
    std::vector<std::string> known;
    for (const auto& job : config.jobs) {
        if (job.incremental) {
            known.push_back(job.name);
        }
    }
    const JobSpec* job = config.find_job(name);
    if (!job) {
        err << "apirunner: no job named '" << name << "' in " << config.path
            << did_you_mean(name, known) << "\n";
    } else if (!job->incremental) {
        err << "apirunner: job '" << name << "' has no incremental block, so no bookmark\n";
        job = nullptr;
    }
    return job;
}

// A bookmark as the logs show it: a key a provider put in a delta link is not.
std::optional<BookmarkRow> shown(std::optional<BookmarkRow> row) {
    if (row) {
        row->value = redactor().redact(row->value);
    }
    return row;
}

void show(StateDb& state, const JobsConfig& config, const std::string& only, std::ostream& out) {
    std::vector<std::pair<const JobSpec*, std::optional<BookmarkRow>>> rows;
    std::size_t names = 28;
    std::size_t width = 34;  // as wide as the longest token (a delta link is a whole URL)
    for (const auto& job : config.jobs) {
        if (job.incremental && (only.empty() || job.name == only)) {
            rows.emplace_back(&job, shown(state.bookmark(job.name)));
            names = std::max(names, job.name.size() + 2);
            if (const auto& row = rows.back().second) {
                width = std::max(width, row->value.size() + 2);
            }
        }
    }
    out << std::left << std::setw(static_cast<int>(names)) << "JOB"
        << std::setw(static_cast<int>(width)) << "BOOKMARK" << std::setw(22) << "SET AT (UTC)"
        << "BY RUN\n";
    for (const auto& [job, row] : rows) {
        out << std::setw(static_cast<int>(names)) << job->name << std::setw(static_cast<int>(width))
            << (row ? row->value : "(none: the next run starts from its start)") << std::setw(22)
            << (row ? row->updated_at.substr(0, 19) : "")
            << (row && row->run_id.empty() ? "(by hand)"
                : row                      ? row->run_id
                                           : "")
            << "\n";
    }
}

// What makes `token` unusable as the job's token bookmark, or "": what a run would refuse to keep
// (a control character, more than k_longest_token bytes), and for a walk that starts at the token
// as a URL, one that is not absolute on the provider's origin.
std::string token_problem(const JobsConfig& config, const JobSpec& job, const std::string& token) {
    if (std::any_of(token.begin(), token.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }) ||
        token.size() > k_longest_token) {
        return "a token holds no control character and is at most " +
               std::to_string(k_longest_token) + " bytes";
    }
    const bool starts_at_url = job.incremental->token_param.empty() && job.paging.kind &&
                               job.paging.kind->name == "next_url";
    const std::string provider = origin_of(Poco::URI(config.providers.at(job.provider).base_url));
    std::string origin;
    try {
        origin = origin_of(Poco::URI(token));
    } catch (const Poco::Exception&) {
    }
    if (starts_at_url && (origin != provider || token.find(' ') != std::string::npos)) {
        return "the walk starts at the token, so it must be a URL on the provider's origin " +
               provider + " (such as the last page's delta link)";
    }
    return "";
}

// Sets or (with no value) clears the bookmark, saying what it was.
int change(StateDb& state, const JobsConfig& config, const JobSpec& job,
           const std::optional<std::string>& value, std::ostream& out, std::ostream& err) {
    // The job's own lock: a run going on now would set the bookmark when it ends.
    LockFile lock(state.path(), "jobs", job.name);
    if (!lock.try_lock()) {
        err << "apirunner: job '" << job.name << "' is running now (" << lock.path()
            << "); change its bookmark once it has ended\n";
        return Poco::Util::Application::EXIT_TEMPFAIL;
    }
    if (const auto unfinished = state.checkpoint(job.name)) {
        err << "apirunner: job '" << job.name << "' has an unfinished run (" << unfinished->run_id
            << ", checkpointed after page " << unfinished->pages
            << ") that would set the bookmark when it ends; run the job to its end, or with "
               "--full-refresh, first\n";
        return Poco::Util::Application::EXIT_TEMPFAIL;
    }
    const BookmarkFormat format(job.incremental->format);
    std::optional<std::string> stored;
    if (value && job.incremental->by_token()) {
        if (value->empty()) {
            err << "apirunner: job '" << job.name << "': a token cannot be empty; `state reset` "
                << "clears it\n";
            return Poco::Util::Application::EXIT_USAGE;
        }
        if (const std::string problem = token_problem(config, job, *value); !problem.empty()) {
            err << "apirunner: job '" << job.name << "': " << problem << "\n";
            return Poco::Util::Application::EXIT_USAGE;
        }
        stored = *value;  // the provider's own text
    } else if (value) {
        const auto parsed = format.read(*value);
        if (!parsed) {
            err << "apirunner: '" << *value << "' is not a value of job '" << job.name
                << "''s incremental.format " << job.incremental->format << "\n";
            return Poco::Util::Application::EXIT_USAGE;
        }
        stored = parsed->text();
    }
    const auto before = state.bookmark(job.name);
    state.set_bookmark(job.name, stored);
    out << "job '" << job.name << "': bookmark was "
        << (before ? redactor().redact(before->value) : "(none)") << ", now "
        << (stored ? redactor().redact(*stored)
                   : "(none): the next run starts from " + (job.incremental->start.empty()
                                                                ? std::string("the beginning")
                                                                : job.incremental->start))
        << "\n";
    return 0;
}

}  // namespace

int state_command(const CliOptions& options, std::ostream& out, std::ostream& err) {
    const auto& args = options.arguments;
    const std::string action = args.empty() ? "" : args[0];
    const std::size_t wanted = action == "show" ? 0 : action == "set" ? 3 : 2;
    if (action != "show" && action != "set" && action != "reset") {
        return usage(err, "state needs show, set or reset");
    }
    if ((action == "show" && args.size() > 2) || (wanted && args.size() != wanted)) {
        return usage(err, "state " + action + " takes " +
                              (action == "set" ? "a job and a value" : "one job"));
    }
    LoadedConfig loaded = load_config(options.config_path);
    if (!loaded.problems.empty()) {
        for (const auto& problem : loaded.problems) {
            err << "  " << problem.to_string() << "\n";
        }
        return Poco::Util::Application::EXIT_CONFIG;
    }
    const JobsConfig& config = loaded.config;
    const JobSpec* job = nullptr;
    if (args.size() > 1 && !(job = incremental_job(config, args[1], err))) {
        return Poco::Util::Application::EXIT_USAGE;
    }
    try {
        StateDb state(config.state_path);
        if (action == "show") {
            show(state, config, job ? job->name : "", out);
            return 0;
        }
        return change(state, config, *job,
                      action == "set" ? std::optional<std::string>(args[2]) : std::nullopt, out,
                      err);
    } catch (const Error& error) {
        err << "apirunner: " << error.what() << "\n";
        return exit_code_for(error.kind());
    }
}

}  // namespace apirunner
