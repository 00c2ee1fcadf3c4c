#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/loopback_receiver.hpp"
#include "cli/pkce.hpp"
#include "cli/workspace.hpp"
#include "plugins/session_pool.hpp"

#include <iostream>

namespace apirunner {
namespace {

using Query = std::map<std::string, std::string>;

std::string value(const Query& query, const std::string& name) {
    auto found = query.find(name);
    return found == query.end() ? "" : found->second;
}

// The redirect's query: from the loopback listener, or pasted by the operator (--no-listen).
std::optional<Query> await_redirect(const CliOptions& options, LoopbackReceiver* receiver,
                                    const std::string& redirect_uri, std::ostream& out) {
    if (receiver) {
        out << "waiting up to " << options.login_timeout_s << " s for the browser to come back to "
            << redirect_uri << "\n"
            << std::flush;
        return receiver->wait(options.login_timeout_s);
    }
    out << "then paste here the whole URL your browser was sent to:\n" << std::flush;
    std::string line;
    if (!std::getline(std::cin, line) || line.find('?') == std::string::npos) {
        return std::nullopt;
    }
    return query_of(line);
}

}  // namespace

// apirunner login PROVIDER: the authorization-code bootstrap (RFC 6749 §4.1, PKCE S256, state).
int login_command(const CliOptions& options, std::ostream& out, std::ostream& err) {
    using App = Poco::Util::Application;
    if (options.arguments.size() != 1) {
        err << "apirunner: usage: apirunner login PROVIDER [--no-listen] [--port N] [--timeout "
               "S]\n";
        return App::EXIT_USAGE;
    }
    const std::string& provider = options.arguments.front();
    Workspace workspace;
    load_workspace(options, workspace);
    if (int code = report_problems(workspace, err)) {
        return code;
    }
    if (!workspace.config().providers.count(provider)) {
        err << "apirunner: no provider named '" << provider << "' in " << workspace.config().path
            << "\n";
        return App::EXIT_USAGE;
    }
    const ConsoleLogger logger(options.log_level, "apirunner");
    SessionPool sessions(workspace.registry, workspace.settings, workspace.config(), logger, true);
    try {
        PluginSession& session = sessions.unopened(provider);
        std::unique_ptr<LoopbackReceiver> receiver;
        if (!options.no_listen) {
            receiver = std::make_unique<LoopbackReceiver>(options.login_port);
        }
        const std::string redirect_uri = !options.redirect_uri.empty() ? options.redirect_uri
                                         : receiver                    ? receiver->redirect_uri()
                                                    : "http://127.0.0.1/callback";
        const Pkce pkce = make_pkce();
        const std::string state = make_state();
        out << "open this URL in a browser and sign in to " << provider << ":\n  "
            << session.authorize_url(redirect_uri, state, pkce.challenge) << "\n"
            << std::flush;

        const auto query = await_redirect(options, receiver.get(), redirect_uri, out);
        if (!query) {
            err << "apirunner: no authorization came back" << (receiver ? " in time" : "")
                << "; run `apirunner login " << provider << "` again\n";
            return receiver ? App::EXIT_TEMPFAIL : App::EXIT_USAGE;
        }
        if (!value(*query, "error").empty()) {
            err << "apirunner: provider '" << provider
                << "' refused the authorization: " << value(*query, "error")
                << (value(*query, "error_description").empty()
                        ? ""
                        : " (" + value(*query, "error_description") + ")")
                << "\n";
            return App::EXIT_NOPERM;
        }
        if (value(*query, "state") != state) {
            err << "apirunner: the redirect's state does not match this login (a stale or forged "
                   "redirect); run `apirunner login "
                << provider << "` again\n";
            return App::EXIT_NOPERM;
        }
        if (value(*query, "code").empty()) {
            err << "apirunner: the redirect carries no authorization code\n";
            return App::EXIT_DATAERR;
        }
        session.exchange_code(value(*query, "code"), redirect_uri, pkce.verifier);
        out << "provider " << provider << ": logged in; the session is stored in "
            << workspace.config().state_path << "\n";
        for (const auto& [name, text] : session.inspect()) {
            out << "  " << name << ": " << text << "\n";
        }
        return 0;
    } catch (const Error& error) {
        err << "apirunner: " << error.what() << "\n";
        return exit_code_for(error.kind());
    } catch (const Poco::Exception& error) {
        err << "apirunner: cannot listen on 127.0.0.1: " << error.displayText() << "\n";
        return App::EXIT_UNAVAILABLE;
    }
}

}  // namespace apirunner
