// Every input of the fuzzers' seed corpus, and every input that once made a fuzzer crash
// (tests/fuzz/regressions/), run through the same functions in the ordinary test build.
#include "fuzz_inputs.hpp"

#include <catch2/catch.hpp>

#include <Poco/DirectoryIterator.h>

#include <fstream>
#include <sstream>

namespace {

std::vector<std::string> inputs_in(const std::string& target) {
    std::vector<std::string> files;
    for (const char* kind : {"corpus", "regressions"}) {
        const std::string folder = std::string(FUZZ_DIR) + "/" + kind + "/" + target;
        for (Poco::DirectoryIterator file(folder), end; file != end; ++file) {
            if (file->isFile() && file.name()[0] != '.') {
                files.push_back(file->path());
            }
        }
    }
    return files;
}

std::string contents(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE(
    "the config fuzzer's corpus and regressions load without a crash or an escaping exception") {
    const auto files = inputs_in("config");
    CHECK(files.size() >= 10);
    for (const auto& file : files) {
        INFO(file);
        CHECK_NOTHROW(apirunner::fuzz::config_input(contents(file)));
    }
}

TEST_CASE("the page fuzzer's corpus and regressions parse or are refused with an Error") {
    const auto files = inputs_in("page");
    CHECK(files.size() >= 8);
    for (const auto& file : files) {
        INFO(file);
        CHECK_NOTHROW(apirunner::fuzz::page_input(contents(file)));
    }
}
