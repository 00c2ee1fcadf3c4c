#include "plugins/plugin_library.hpp"
#include "plugins/plugin_registry.hpp"
#include "plugins/plugin_session.hpp"
#include "plugins/provider_host.hpp"
#include "state/token_stores.hpp"

#include <apirunner/error.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace apirunner;

namespace {

const std::string k_dir = FIXTURE_PLUGIN_DIR;

std::string fixture(const std::string& name) { return k_dir + "/libapirunner_" + name + ".so"; }

bool mapped(const std::string& path) {
    std::ifstream maps("/proc/self/maps");
    std::stringstream text;
    text << maps.rdbuf();
    return text.str().find(path) != std::string::npos;
}

std::unique_ptr<ProviderHost> quiet_host() {
    return std::make_unique<ProviderHost>("fixture", ConsoleLogger(LogLevel::error, "test"),
                                          HttpOptions{}, std::make_unique<MemoryTokenStore>());
}

std::string refusal(const std::string& name) {
    try {
        load_plugin(fixture(name));
    } catch (const PluginRefused& refused) {
        return refused.what();
    }
    return "";
}

}  // namespace

TEST_CASE("a well-formed plugin loads and describes itself") {
    LoadedPlugin plugin = load_plugin(fixture("counting"));
    CHECK(plugin.name() == "counting");
    CHECK(std::string(plugin.descriptor->version) == "0.1.0");
    REQUIRE(plugin.descriptor->settings_count == 3);
    CHECK(std::string(plugin.descriptor->settings[1].name) == "token");
    CHECK(plugin.descriptor->settings[1].secret);
}

TEST_CASE("a plugin of another ABI version is refused, naming both versions and the file") {
    const std::string why = refusal("wrong_abi");
    CHECK_THAT(why, Catch::Contains(fixture("wrong_abi")));
    CHECK_THAT(why, Catch::Contains("ABI " + std::to_string(k_abi_version + 99)));
    CHECK_THAT(why, Catch::Contains("speaks ABI " + std::to_string(k_abi_version)));
}

TEST_CASE("a plugin built with another toolchain is refused, naming both fingerprints") {
    const std::string why = refusal("wrong_fingerprint");
    CHECK_THAT(why, Catch::Contains("gcc-1.0;cxx11abi=0"));
    CHECK_THAT(why, Catch::Contains(k_build_fingerprint));
}

TEST_CASE("a descriptor of another size is refused") {
    CHECK_THAT(refusal("wrong_size"),
               Catch::Contains("expects " + std::to_string(sizeof(PluginDescriptor))));
}

TEST_CASE("a library without a descriptor is refused as not a plugin") {
    CHECK_THAT(refusal("no_descriptor"), Catch::Contains("is not an apirunner plugin"));
}

TEST_CASE("a file that is not a shared library is refused as unloadable") {
    const std::string path = "/tmp/libapirunner_garbage_" + std::to_string(::getpid()) + ".so";
    std::ofstream(path) << "this is not an ELF file\n";
    try {
        load_plugin(path);
        FAIL("a text file loaded as a plugin");
    } catch (const PluginRefused& refused) {
        CHECK_THAT(refused.what(), Catch::Contains("cannot be loaded"));
    }
    std::remove(path.c_str());
}

TEST_CASE("discovery loads the good plugins and lists every refused file with its reason") {
    PluginRegistry registry;
    registry.discover({k_dir});
    REQUIRE(registry.find("counting") != nullptr);
    REQUIRE(registry.find("throwing") != nullptr);
    CHECK(registry.plugins().size() == 2);
    CHECK(registry.refused().size() == 4);
    for (const auto& refused : registry.refused()) {
        CHECK_THAT(refused.reason, Catch::Contains(refused.path));
    }
}

TEST_CASE("the first plugin of a name wins and a later one is refused as shadowed") {
    PluginRegistry registry;
    registry.discover({k_dir, k_dir + "/."});  // the same folder twice is searched once
    CHECK(registry.plugins().size() == 2);
}

TEST_CASE("a factory that throws the SDK error comes out as the host's error naming the provider") {
    LoadedPlugin plugin = load_plugin(fixture("throwing"));
    try {
        PluginSession session(plugin, Settings(std::map<std::string, std::string>{{"how", "sdk"}}),
                              quiet_host());
        FAIL("the factory did not throw");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::config);
        CHECK(std::string(error.what()) ==
              "provider 'fixture': fixture factory refused its settings");
    }
}

TEST_CASE("a factory that throws a foreign exception is reported, not a crash") {
    LoadedPlugin plugin = load_plugin(fixture("throwing"));
    try {
        PluginSession session(plugin, Settings(std::map<std::string, std::string>{{"how", "std"}}),
                              quiet_host());
        FAIL("the factory did not throw");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::bad_data);
        CHECK_THAT(error.what(), Catch::Contains("fixture factory failed with a std exception"));
    }
}

TEST_CASE("the library stays loaded until the last session it made is gone") {
    const std::string path = fixture("counting");
    REQUIRE_FALSE(mapped(path));
    auto session = [&] {
        LoadedPlugin plugin = load_plugin(path);
        return std::make_unique<PluginSession>(
            plugin, Settings(std::map<std::string, std::string>{{"label", "x"}, {"token", "t"}}),
            quiet_host());
    }();
    // The LoadedPlugin is gone; the session alone holds the library.
    CHECK(mapped(path));
    HttpRequest request;
    session->stamp(request);
    CHECK(request.headers.at(0).second == "x");
    session.reset();
    CHECK_FALSE(mapped(path));
}
