#include "settings/env_substitution.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace apirunner;

namespace {

EnvLookup fake(std::map<std::string, std::string> vars) {
    return [vars](const std::string& name) -> std::optional<std::string> {
        auto found = vars.find(name);
        return found == vars.end() ? std::nullopt : std::optional<std::string>(found->second);
    };
}

}  // namespace

TEST_CASE("variables, defaults and escapes are substituted") {
    auto env = fake({{"USER_NAME", "ada"}, {"EMPTY", ""}});
    std::string problem;
    CHECK(substitute_env("${USER_NAME}@example.com", env, problem) == "ada@example.com");
    CHECK(substitute_env("${MISSING:-fallback}", env, problem) == "fallback");
    CHECK(substitute_env("${EMPTY:-fallback}", env, problem) == "fallback");
    CHECK(substitute_env("${MISSING:-}", env, problem) == "");
    CHECK(substitute_env("cost: $$5 and $x", env, problem) == "cost: $5 and $x");
    CHECK(substitute_env("${URL:-http://127.0.0.1:8765/a}", env, problem) ==
          "http://127.0.0.1:8765/a");
    CHECK(problem.empty());
}

TEST_CASE("a default may refer to another variable") {
    std::string problem;
    CHECK(substitute_env("${A:-${B:-x}}/p", fake({{"B", "b"}}), problem) == "b/p");
    CHECK(substitute_env("${A:-${B:-x}}/p", fake({}), problem) == "x/p");
    CHECK(substitute_env("${A:-${B:-x}}/p", fake({{"A", "a"}}), problem) == "a/p");
    CHECK(problem.empty());
    substitute_env("${A:-${B}}", fake({}), problem);
    CHECK(problem == "environment variable B is not set");
}

TEST_CASE("an unset variable without a default names the variable") {
    std::string problem;
    substitute_env("${MM_PASSWORD}", fake({}), problem);
    CHECK(problem == "environment variable MM_PASSWORD is not set");
}

TEST_CASE("malformed references are problems, not crashes") {
    std::string problem;
    substitute_env("${UNCLOSED", fake({}), problem);
    CHECK(problem == "unterminated '${' in value");
    problem.clear();
    substitute_env("${1BAD}", fake({}), problem);
    CHECK(problem == "'${1BAD}' is not a variable reference");
}
