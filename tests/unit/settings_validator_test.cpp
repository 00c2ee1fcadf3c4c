#include "plugins/settings_validator.hpp"

#include <catch2/catch.hpp>

using namespace apirunner;

namespace {

Session* none(const Settings&, HostServices&) { return nullptr; }

const SettingSpec k_table[] = {
    {"base_url", SettingType::url, nullptr, true, false, "API root"},
    {"password", SettingType::string, nullptr, true, true, "the password"},
    {"page_size", SettingType::integer, "100", false, false, "records a page"},
    {"verbose", SettingType::boolean, "false", false, false, "say more"},
};

const PluginDescriptor k_plugin = make_descriptor("demo", "1", "password", "demo", k_table, &none);

std::map<std::string, SettingValue> values(
    std::initializer_list<std::pair<const std::string, std::string>> list) {
    std::map<std::string, SettingValue> out;
    for (const auto& [name, text] : list) {
        out[name] = SettingValue{"providers.p.options." + name, text};
    }
    return out;
}

}  // namespace

TEST_CASE("valid settings get their defaults filled in") {
    ConfigProblems problems;
    auto result =
        validate_settings(k_plugin, values({{"base_url", "https://x.test"}, {"password", "pw"}}),
                          "providers.p", problems);
    CHECK(problems.empty());
    CHECK(result.at("page_size") == "100");
    CHECK(result.at("verbose") == "false");
}

TEST_CASE("an unknown key is named with its path and the closest known key") {
    ConfigProblems problems;
    validate_settings(
        k_plugin, values({{"base_url", "https://x.test"}, {"password", "pw"}, {"page_sise", "5"}}),
        "providers.p", problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].to_string() ==
          "providers.p.options.page_sise: unknown setting for plugin 'demo' (did you mean "
          "'page_size'?)");
}

TEST_CASE("every problem is reported, not just the first") {
    ConfigProblems problems;
    validate_settings(k_plugin,
                      values({{"base_url", "ftp://x"}, {"page_size", "many"}, {"verbose", "yes"}}),
                      "providers.p", problems);
    REQUIRE(problems.size() == 4);
    CHECK(problems[0].to_string() ==
          "providers.p.options.base_url: must be an http:// or https:// URL, not 'ftp://x'");
    CHECK(problems[1].to_string() ==
          "providers.p.options.page_size: must be an integer, not 'many'");
    CHECK(problems[2].to_string() ==
          "providers.p.options.verbose: must be true or false, not 'yes'");
    CHECK(problems[3].to_string() ==
          "providers.p: missing required setting 'password' (the password)");
}

TEST_CASE("a mistyped secret is reported without its value") {
    const SettingSpec table[] = {
        {"pin", SettingType::integer, nullptr, true, true, "a secret number"}};
    const PluginDescriptor plugin = make_descriptor("pin", "1", "", "", table, &none);
    ConfigProblems problems;
    validate_settings(plugin, values({{"pin", "SENTINEL-not-a-number"}}), "providers.p", problems);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0].to_string(), !Catch::Contains("SENTINEL"));
}

TEST_CASE("a URL with a ':' and no port is refused rather than sent to port 80") {
    for (const char* url : {"http://127.0.0.1:", "http://127.0.0.1:/api", "https://x.test:?a=1"}) {
        INFO(url);
        ConfigProblems problems;
        validate_settings(k_plugin, values({{"base_url", url}, {"password", "pw"}}), "providers.p",
                          problems);
        REQUIRE(problems.size() == 1);
        CHECK_THAT(problems[0].to_string(),
                   Catch::StartsWith("providers.p.options.base_url: has a ':' with no port after "
                                     "it: write the port ("));
    }
    ConfigProblems fine;
    validate_settings(k_plugin,
                      values({{"base_url", "http://127.0.0.1:8765/a:b"}, {"password", "pw"}}),
                      "providers.p", fine);
    CHECK(fine.empty());
}
