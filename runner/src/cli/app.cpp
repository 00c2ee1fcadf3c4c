#include "cli/app.hpp"

#include "cli/commands.hpp"
#include "log/console.hpp"
#include "log/console_logger.hpp"
#include "schedule/instant.hpp"

#include <Poco/NumberParser.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <map>

using Poco::Util::Option;

namespace apirunner {
namespace {

struct Verb {
    const char* synopsis;
    const char* summary;
};

const std::map<std::string, Verb>& verbs() {
    static const std::map<std::string, Verb> table = {
        {"run",
         {"run [JOB...] [--config F] [--dry-run] [--full-refresh] [--since V [--until V]] "
          "[--metrics-file F] [--report F] [--quiet]",
          "run jobs now, once (all jobs when none are named); --dry-run logs in and reads "
          "the first page of each job, writing nothing; --report writes what each job did "
          "as JSON; --since/--until run incremental jobs over that range once, leaving their "
          "bookmarks; --full-refresh starts them from incremental.start"}},
        {"state",
         {"state show [JOB] | state set JOB VALUE | state reset JOB [--config F]",
          "an incremental job's bookmark: show it (every job's when none is named), set it by "
          "hand, or reset it so the next run starts from incremental.start; set and reset "
          "print the value they replace"}},
        {"daemon",
         {"daemon [--config F] [--metrics-port N]",
          "run each job with a schedule at its times until SIGTERM or SIGINT, which let "
          "the running jobs finish their page and checkpoint; --metrics-port serves "
          "Prometheus metrics on 127.0.0.1"}},
        {"validate",
         {"validate [--config F]",
          "check the jobs file and each provider's settings; print every problem"}},
        {"list",
         {"list [--config F] [--from TIME]",
          "list jobs with their provider, schedule, outputs and next three run times "
          "(after TIME, ISO 8601, instead of now with --from)"}},
        {"plugins",
         {"plugins [NAME] [--schema]",
          "list the plugins found and the files refused; with NAME, its settings (as "
          "JSON Schema with --schema); --schema alone: the paging kinds, sink types and "
          "outputs as the $defs of schemas/jobs.schema.json"}},
        {"export",
         {"export kubernetes [--config F] [--image IMAGE]",
          "print a Kubernetes CronJob for each scheduled job (concurrencyPolicy Forbid, the "
          "job's timeZone), the jobs file from a ConfigMap, its ${VAR}s from a Secret, state "
          "and outputs on a PersistentVolumeClaim; kubectl apply -f the result"}},
        {"history",
         {"history [JOB] [--config F] [--limit N] [--since TIME|SPAN] [--json]",
          "past runs from the state database, newest first: start, end, status, records, "
          "pages, retries, session refreshes, bytes received, error; --since 2026-11-01 "
          "or --since 24h; --json prints them as a JSON array"}},
        {"login",
         {"login PROVIDER [--config F] [--no-listen] [--port N] [--timeout S] [--redirect-uri U]",
          "authorization-code login: prints the URL to open, waits for the browser on "
          "127.0.0.1 (or reads the pasted redirect URL with --no-listen), stores the session"}},
        {"auth",
         {"auth check PROVIDER | auth status | auth logout PROVIDER [--config F]",
          "check: log in and show what is known of the session (never a token), with the "
          "provider's token introspection where it has one; status: the stored session of "
          "each provider; logout: forget a provider's stored session"}},
    };
    return table;
}

}  // namespace

App::App() { setUnixOptions(true); }

void App::defineOptions(Poco::Util::OptionSet& options) {
    options.addOption(
        Option("config", "c", "the jobs file (default: $APIRUNNER_CONFIG or jobs.yaml)")
            .argument("FILE"));
    options.addOption(
        Option("plugin-path", "p", "a folder to search for plugins first (repeatable)")
            .argument("DIR")
            .repeatable(true));
    options.addOption(Option("dry-run", "n", "log in and read one page per job; write nothing"));
    options.addOption(Option("full-refresh", "f", "start every job from its first page"));
    options.addOption(
        Option("log-level", "l", "debug, info, warn or error (default info)").argument("LEVEL"));
    options.addOption(Option("log-format", "", "text (default) or json: one JSON object a line")
                          .argument("FORMAT"));
    options.addOption(Option(
        "quiet", "q", "no progress line and no per-job ok lines: failures and warnings only"));
    options.addOption(
        Option("limit", "", "how many runs history shows (default 20)").argument("N"));
    options.addOption(
        Option("since", "",
               "history: runs started since TIME (ISO 8601) or SPAN ago (30m, 24h, 7d); run: an "
               "incremental job's lower bound for this run only (the bookmark stays)")
            .argument("TIME"));
    options.addOption(Option("until", "", "run: an incremental job's upper bound for this run only")
                          .argument("VALUE"));
    options.addOption(Option("json", "", "history: print JSON"));
    options.addOption(
        Option("report", "", "run: write a JSON report of the run to FILE").argument("FILE"));
    options.addOption(
        Option("image", "", "export kubernetes: the container image (default apirunner:VERSION)")
            .argument("IMAGE"));
    options.addOption(Option("metrics-port", "", "daemon: serve Prometheus metrics on 127.0.0.1:N")
                          .argument("N"));
    options.addOption(
        Option("metrics-file", "", "run: write Prometheus metrics to FILE (textfile collector)")
            .argument("FILE"));
    options.addOption(
        Option("from", "", "list: count run times from TIME (ISO 8601) instead of now")
            .argument("TIME"));
    options.addOption(
        Option("no-listen", "", "login: read the redirect URL from stdin instead of listening"));
    options.addOption(
        Option("port", "", "login: the loopback port to listen on (default: any free port)")
            .argument("N"));
    options.addOption(Option("timeout", "", "login: seconds to wait for the browser (default 300)")
                          .argument("S"));
    options.addOption(
        Option("redirect-uri", "", "login: the redirect URI registered with the provider")
            .argument("URI"));
    options.addOption(Option("schema", "",
                             "with plugins NAME: print the settings as JSON Schema; alone: the "
                             "jobs file's generated $defs"));
    options.addOption(Option("help", "h", "show help (for a verb: apirunner VERB --help)"));
    options.addOption(Option("version", "V", "show the version"));
}

void App::handleOption(const std::string& name, const std::string& value) {
    Poco::Util::Application::handleOption(name, value);
    if (name == "config") {
        m_options.config_path = value;
    } else if (name == "plugin-path") {
        m_options.plugin_paths.push_back(value);
    } else if (name == "dry-run") {
        m_options.dry_run = true;
    } else if (name == "full-refresh") {
        m_options.full_refresh = true;
    } else if (name == "log-level") {
        if (auto level = parse_log_level(value)) {
            m_options.log_level = *level;
        } else {
            m_bad_option = "--log-level must be debug, info, warn or error, not '" + value + "'";
        }
    } else if (name == "log-format") {
        if (value != "text" && value != "json") {
            m_bad_option = "--log-format must be text or json, not '" + value + "'";
        }
        m_options.json_logs = value == "json";
    } else if (name == "quiet") {
        m_options.quiet = true;
    } else if (name == "since") {
        m_options.since = value;  // a bookmark value for run, a time or span for history
    } else if (name == "until") {
        m_options.until = value;
    } else if (name == "json") {
        m_options.json = true;
    } else if (name == "report") {
        m_options.report_file = value;
    } else if (name == "image") {
        m_options.image = value;
    } else if (name == "limit") {
        if (!Poco::NumberParser::tryParse(value, m_options.history_limit) ||
            m_options.history_limit <= 0) {
            m_bad_option = "--limit must be a positive integer";
        }
    } else if (name == "metrics-port") {
        int port = -1;
        if (!Poco::NumberParser::tryParse(value, port) || port < 0 || port > 65535) {
            m_bad_option = "--metrics-port must be a port number from 0 to 65535";
        }
        m_options.metrics_port = port;
    } else if (name == "metrics-file") {
        m_options.metrics_file = value;
    } else if (name == "from") {
        if (const auto at = parse_instant(value)) {
            m_options.list_from = at->time_since_epoch().count();
        } else {
            m_bad_option =
                "--from takes an ISO 8601 time such as 2026-03-08T00:00:00Z, not '" + value + "'";
        }
    } else if (name == "no-listen") {
        m_options.no_listen = true;
    } else if (name == "port" || name == "timeout") {
        int& target = name == "port" ? m_options.login_port : m_options.login_timeout_s;
        if (!Poco::NumberParser::tryParse(value, target) || target < 0) {
            m_bad_option = "--" + name + " must be a whole number";
        }
    } else if (name == "redirect-uri") {
        m_options.redirect_uri = value;
    } else if (name == "schema") {
        m_schema = true;
    } else if (name == "help") {
        m_help = true;
    } else if (name == "version") {
        m_version = true;
    }
}

void App::print_help(const std::string& verb) const {
    auto found = verbs().find(verb);
    if (found != verbs().end()) {
        std::cout << found->second.summary << "\n\n";
    } else {
        std::cout << "apirunner runs the API extraction jobs of a YAML file: it logs in through "
                     "provider plugins,\npages through endpoints and writes every record to "
                     "SQLite or JSON Lines.\n\nverbs:\n";
        for (const auto& [name, entry] : verbs()) {
            std::cout << "  " << entry.synopsis << "\n      " << entry.summary << "\n";
        }
        std::cout << "\n";
    }
    Poco::Util::HelpFormatter formatter(options());
    formatter.setCommand("apirunner");
    formatter.setUsage(found != verbs().end() ? found->second.synopsis : "VERB [OPTIONS]");
    formatter.setUnixStyle(true);
    formatter.setIndent(8);
    formatter.setHeader("options:");
    formatter.setFooter(
        "exit codes: 0 ok, 64 usage, 65 bad data from a provider, 69 provider "
        "unavailable, 75 temporary failure, 77 credentials refused, 78 bad "
        "configuration");
    formatter.format(std::cout);
}

int App::usage_error(const std::string& message) const {
    std::cerr << "apirunner: " << message << "\nsee `apirunner --help`\n";
    return EXIT_USAGE;
}

int App::main(const std::vector<std::string>& arguments) {
    if (!m_bad_option.empty()) {
        return usage_error(m_bad_option);
    }
    if (m_version) {
        std::cout << "apirunner " << APIRUNNER_VERSION << "\n";
        return EXIT_OK;
    }
    const std::string verb = arguments.empty() ? "" : arguments.front();
    if (m_help || verb.empty() || verb == "help") {
        print_help(verb == "help" && arguments.size() > 1 ? arguments[1] : verb);
        return verb.empty() && !m_help ? EXIT_USAGE : EXIT_OK;
    }
    m_options.verb = verb;
    if (verb == "history" && !m_options.since.empty()) {
        if (const auto at = parse_instant(m_options.since)) {
            m_options.history_since = at->time_since_epoch().count();
        } else if (const auto span = parse_span(m_options.since)) {
            m_options.history_since = std::time(nullptr) - span->count();
        } else {
            return usage_error(
                "--since takes an ISO 8601 time (2026-11-01T00:00:00Z) or a span (30m, 24h, 7d), "
                "not '" +
                m_options.since + "'");
        }
    }
    ConsoleLogger::use_json(m_options.json_logs);
    // Live status lines would garble JSON logs, and --quiet asks for none.
    Console::instance().enable_status_lines(!m_options.quiet && !m_options.json_logs);
    m_options.arguments.assign(arguments.begin() + 1, arguments.end());
    if (m_options.config_path.empty()) {
        const char* env = std::getenv("APIRUNNER_CONFIG");
        m_options.config_path = env ? env : "jobs.yaml";
    }
    if (verb == "run") return run_command(m_options, std::cout, std::cerr);
    if (verb == "daemon") return daemon_command(m_options, std::cout, std::cerr);
    if (verb == "validate") return validate_command(m_options, std::cout, std::cerr);
    if (verb == "list") return list_command(m_options, std::cout, std::cerr);
    if (verb == "plugins") return plugins_command(m_options, m_schema, std::cout, std::cerr);
    if (verb == "history") return history_command(m_options, std::cout, std::cerr);
    if (verb == "state") return state_command(m_options, std::cout, std::cerr);
    if (verb == "export") return export_command(m_options, std::cout, std::cerr);
    if (verb == "auth") return auth_command(m_options, std::cout, std::cerr);
    if (verb == "login") return login_command(m_options, std::cout, std::cerr);
    return usage_error("unknown verb '" + verb + "'");
}

}  // namespace apirunner
