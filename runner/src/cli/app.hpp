// The apirunner command line on Poco::Util::Application: options, verbs, help, exit codes.
#pragma once

#include "cli/cli_options.hpp"

#include <Poco/Util/Application.h>

namespace apirunner {

class App : public Poco::Util::Application {
  public:
    App();

  protected:
    void defineOptions(Poco::Util::OptionSet& options) override;
    void handleOption(const std::string& name, const std::string& value) override;
    int main(const std::vector<std::string>& arguments) override;

  private:
    void print_help(const std::string& verb) const;
    int usage_error(const std::string& message) const;

    CliOptions m_options;
    bool m_help = false;
    bool m_version = false;
    bool m_schema = false;
    std::string m_bad_option;
};

}  // namespace apirunner
