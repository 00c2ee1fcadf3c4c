// apirunner-sandbox: plays the providers on 127.0.0.1 so apirunner can be tried, and tested,
// without accounts or a network.
#include "generic_simulator.hpp"
#include "mediahaven_simulator.hpp"
#include "mediahound_simulator.hpp"
#include "mediamath_simulator.hpp"
#include "mediavalet_simulator.hpp"
#include "openx_simulator.hpp"
#include "public_apis/airtable_simulator.hpp"
#include "public_apis/github_simulator.hpp"
#include "public_apis/google_simulator.hpp"
#include "public_apis/graph_simulator.hpp"
#include "public_apis/hubspot_simulator.hpp"
#include "public_apis/jira_simulator.hpp"
#include "public_apis/notion_simulator.hpp"
#include "public_apis/salesforce_simulator.hpp"
#include "public_apis/shopify_simulator.hpp"
#include "public_apis/stripe_simulator.hpp"
#include "public_apis/wordpress_simulator.hpp"
#include "public_apis/zendesk_simulator.hpp"
#include "sandbox_server.hpp"

#include <Poco/NumberParser.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

#include <iostream>

using Poco::Util::Option;

namespace sandbox {

class SandboxApp : public Poco::Util::ServerApplication {
  protected:
    void defineOptions(Poco::Util::OptionSet& options) override {
        options.addOption(
            Option("port", "", "port on 127.0.0.1 (0: any free port; default 8765)").argument("N"));
        options.addOption(
            Option("records", "", "records each data endpoint serves (default 250)").argument("N"));
        options.addOption(
            Option("token-ttl", "", "access token lifetime in seconds (default 86400)")
                .argument("S"));
        options.addOption(
            Option("refresh-ttl", "", "refresh token lifetime in seconds (default 0: forever)")
                .argument("S"));
        options.addOption(
            Option("session-ttl", "", "session cookie lifetime in seconds (default 7200)")
                .argument("S"));
        options.addOption(Option("latency-ms", "", "wait this long before every answer (default 0)")
                              .argument("MS"));
        options.addOption(
            Option("fail-every", "", "answer every Nth data request with 503").argument("N"));
        options.addOption(
            Option("rate-limit", "", "answer 429 (Retry-After: 1) past N data requests a second")
                .argument("N"));
        options.addOption(Option("budget", "",
                                 "answer 403 with X-RateLimit-Remaining: 0 and X-RateLimit-Reset "
                                 "past N data requests a second (GitHub's way)")
                              .argument("N"));
        options.addOption(
            Option("drop-every", "", "cut every Nth data answer off halfway and close")
                .argument("N"));
        options.addOption(
            Option("garbage-every", "", "break the JSON of every Nth data answer").argument("N"));
        options.addOption(
            Option("malformed", "",
                   "every data answer wrong: html, non-utf8, huge, array, no-id or redirect-loop")
                .argument("KIND"));
        options.addOption(Option("redirect-to", "",
                                 "answer every data request with a 307 to this URL (to see what "
                                 "a client sends to another origin)")
                              .argument("URL"));
        options.addOption(
            Option("total-drift", "",
                   "after the first page, N new records appear at the front (the total grows)")
                .argument("N"));
        options.addOption(Option("help", "h", "show this help"));
    }

    void handleOption(const std::string& name, const std::string& value) override {
        ServerApplication::handleOption(name, value);
        if (name == "help") {
            m_help = true;
            stopOptionsProcessing();
            return;
        }
        if (name == "malformed") {
            m_options.faults.malformed = malformed_fault(value);
            if (!m_options.faults.malformed) {
                throw Poco::Util::InvalidArgumentException(
                    "--malformed takes html, non-utf8, huge, array, no-id or redirect-loop, not '" +
                    value + "'");
            }
            return;
        }
        if (name == "redirect-to") {
            m_options.faults.redirect_to = value;
            return;
        }
        const Poco::Int64 number = parse(name, value);
        if (name == "port") m_options.port = static_cast<int>(number);
        if (name == "records") m_options.records = number;
        if (name == "token-ttl") m_options.token_ttl = std::chrono::seconds(number);
        if (name == "refresh-ttl") m_options.refresh_ttl = std::chrono::seconds(number);
        if (name == "session-ttl") m_options.session_ttl = std::chrono::seconds(number);
        if (name == "latency-ms") m_options.latency = std::chrono::milliseconds(number);
        if (name == "fail-every") m_options.faults.fail_every = number;
        if (name == "rate-limit") m_options.faults.rate_limit = number;
        if (name == "drop-every") m_options.faults.drop_every = number;
        if (name == "budget") m_options.faults.budget = number;
        if (name == "garbage-every") m_options.faults.garbage_every = number;
        if (name == "total-drift") m_options.faults.total_drift = number;
    }

    int main(const std::vector<std::string>&) override {
        if (m_help) {
            Poco::Util::HelpFormatter help(options());
            help.setCommand("apirunner-sandbox");
            help.setUsage(
                "[--port N] [--records N] [--token-ttl S] [--refresh-ttl S] [--session-ttl S] "
                "[--latency-ms MS] [--fail-every N] [--rate-limit N] [--drop-every N] "
                "[--garbage-every N] [--total-drift N] [--malformed KIND] [--redirect-to URL]");
            help.setHeader(
                "Plays MediaMath, MediaHound, MediaValet, MediaHaven and OpenX on 127.0.0.1 for "
                "apirunner to run against.");
            help.setUnixStyle(true);
            help.format(std::cout);
            return EXIT_OK;
        }
        std::vector<std::unique_ptr<ProviderSimulator>> simulators;
        simulators.push_back(std::make_unique<MediaMathSimulator>(m_options));
        simulators.push_back(std::make_unique<MediaHoundSimulator>(m_options));
        simulators.push_back(std::make_unique<MediaValetSimulator>(m_options));
        simulators.push_back(std::make_unique<MediaHavenSimulator>(m_options));
        simulators.push_back(std::make_unique<OpenXSimulator>(m_options));
        simulators.push_back(std::make_unique<GenericSimulator>(m_options));
        simulators.push_back(std::make_unique<StripeSimulator>(m_options));
        simulators.push_back(std::make_unique<GraphSimulator>(m_options));
        simulators.push_back(std::make_unique<GitHubSimulator>(m_options));
        simulators.push_back(std::make_unique<JiraSimulator>(m_options));
        simulators.push_back(std::make_unique<HubSpotSimulator>(m_options));
        simulators.push_back(std::make_unique<SalesforceSimulator>(m_options));
        simulators.push_back(std::make_unique<ShopifySimulator>(m_options));
        simulators.push_back(std::make_unique<AirtableSimulator>(m_options));
        simulators.push_back(std::make_unique<GoogleSimulator>(m_options));
        simulators.push_back(std::make_unique<NotionSimulator>(m_options));
        simulators.push_back(std::make_unique<WordPressSimulator>(m_options));
        simulators.push_back(std::make_unique<ZendeskSimulator>(m_options));
        SandboxServer server(m_options, std::move(simulators));
        // The first line on stdout is the contract with scripts and tests: they read the port.
        std::cout << "apirunner-sandbox listening on http://127.0.0.1:" << server.port()
                  << std::endl;
        waitForTerminationRequest();
        return EXIT_OK;
    }

  private:
    static Poco::Int64 parse(const std::string& name, const std::string& value) {
        Poco::Int64 number = 0;
        if (!Poco::NumberParser::tryParse64(value, number) || number < 0) {
            throw Poco::Util::InvalidArgumentException(
                "--" + name + " takes a whole number, not '" + value + "'");
        }
        return number;
    }

    SandboxOptions m_options;
    bool m_help = false;
};

}  // namespace sandbox

int main(int argc, char** argv) {
    sandbox::SandboxApp app;
    try {
        app.init(argc, argv);
    } catch (const Poco::Exception& error) {
        std::cerr << "apirunner-sandbox: " << error.displayText() << "\n";
        return Poco::Util::Application::EXIT_USAGE;
    }
    return static_cast<Poco::Util::Application&>(app).run();
}
