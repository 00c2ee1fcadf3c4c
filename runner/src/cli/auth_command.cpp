#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/workspace.hpp"
#include "log/redactor.hpp"
#include "plugins/session_pool.hpp"
#include "state/token_stores.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/File.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Timestamp.h>

#include <iomanip>

namespace apirunner {
namespace {

using App = Poco::Util::Application;

// Logs in, prints what the session and the provider say of it.
int check(const Workspace& workspace, const std::string& provider, const CliOptions& options,
          std::ostream& out, std::ostream& err) {
    const ConsoleLogger logger(options.log_level, "apirunner");
    SessionPool sessions(workspace.registry, workspace.settings, workspace.config(), logger, true);
    try {
        auto facts = sessions.session(provider).inspect();
        out << "provider " << provider << ": logged in\n";
        bool inactive = false;
        for (const auto& [name, value] : facts) {
            out << "  " << name << ": " << redactor().redact(value) << "\n";
            inactive = inactive || (name == "introspection.active" && value == "false");
        }
        sessions.close_all();
        return inactive ? App::EXIT_NOPERM : 0;
    } catch (const Error& error) {
        err << "apirunner: " << error.what() << "\n";
        return exit_code_for(error.kind());
    }
}

// What the stored session of a profile says of itself: its expiry and whether a refresh token
// is held. Reads the SDK's format leniently: a plugin with another format shows as "stored".
void describe_stored(const std::string& data, std::string& expires, std::string& refresh) {
    try {
        Poco::JSON::Parser parser;
        auto object = parser.parse(data).extract<Poco::JSON::Object::Ptr>();
        if (object->has("expires_at")) {
            const Poco::Timestamp when =
                Poco::Timestamp::fromEpochTime(object->getValue<Poco::Int64>("expires_at"));
            expires = Poco::DateTimeFormatter::format(when, Poco::DateTimeFormat::ISO8601_FORMAT);
        }
        if (object->has("refresh_token")) {
            refresh = object->getValue<std::string>("refresh_token").empty() ? "no" : "yes";
        }
    } catch (const Poco::Exception&) {
    }
}

int status(const Workspace& workspace, std::ostream& out) {
    const bool have_state = Poco::File(workspace.config().state_path).exists();
    out << std::left << std::setw(16) << "PROVIDER" << std::setw(10) << "SESSION" << std::setw(24)
        << "EXPIRES" << std::setw(10) << "REFRESH"
        << "SAVED\n";
    for (const auto& [name, provider] : workspace.config().providers) {
        std::string session = "none";
        std::string expires = "-";
        std::string refresh = "-";
        std::string saved = "-";
        if (have_state) {
            SqliteTokenStore store(workspace.config().state_path, name,
                                   workspace.config().state_key);
            try {
                if (auto data = store.load()) {
                    session = "stored";
                    describe_stored(*data, expires, refresh);
                }
            } catch (const Error&) {
                session = "sealed";  // encrypted with a key this run does not have
            }
            saved = session == "none" ? "-" : store.updated_at().value_or("-");
        }
        out << std::setw(16) << name << std::setw(10) << session << std::setw(24) << expires
            << std::setw(10) << refresh << saved << "\n";
    }
    return 0;
}

int logout(const Workspace& workspace, const std::string& provider, std::ostream& out) {
    if (Poco::File(workspace.config().state_path).exists()) {
        SqliteTokenStore(workspace.config().state_path, provider).clear();
    }
    out << "provider " << provider
        << ": the stored session is forgotten; the next run logs in again\n";
    return 0;
}

}  // namespace

// apirunner auth check PROVIDER | auth status | auth logout PROVIDER
int auth_command(const CliOptions& options, std::ostream& out, std::ostream& err) {
    const auto& args = options.arguments;
    const std::string action = args.empty() ? "" : args[0];
    const bool wants_provider = action == "check" || action == "logout";
    if (!(wants_provider && args.size() == 2) && !(action == "status" && args.size() == 1)) {
        err << "apirunner: usage: apirunner auth check PROVIDER | auth status | auth logout "
               "PROVIDER\n";
        return App::EXIT_USAGE;
    }
    Workspace workspace;
    load_workspace(options, workspace);
    if (int code = report_problems(workspace, err)) {
        return code;
    }
    if (action == "status") {
        return status(workspace, out);
    }
    const std::string& provider = args[1];
    if (!workspace.config().providers.count(provider)) {
        err << "apirunner: no provider named '" << provider << "' in " << workspace.config().path
            << "\n";
        return App::EXIT_USAGE;
    }
    return action == "check" ? check(workspace, provider, options, out, err)
                             : logout(workspace, provider, out);
}

}  // namespace apirunner
