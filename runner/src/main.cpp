#include "cli/app.hpp"

#include <Poco/Util/OptionException.h>

#include <iostream>

int main(int argc, char** argv) {
    apirunner::App app;
    try {
        app.init(argc, argv);
    } catch (const Poco::Util::OptionException& error) {
        std::cerr << "apirunner: " << error.displayText() << "\nsee `apirunner --help`\n";
        return Poco::Util::Application::EXIT_USAGE;
    }
    try {
        return app.run();
    } catch (const std::exception& error) {
        // Every expected failure has its own exit code; reaching here is a bug worth reporting.
        std::cerr << "apirunner: internal error: " << error.what() << "\n";
        return Poco::Util::Application::EXIT_SOFTWARE;
    }
}
