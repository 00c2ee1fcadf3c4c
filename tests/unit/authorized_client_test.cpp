// AuthorizedClient's rules, against a scripted provider: what is retried and how long it waits,
// one 401 recovery, and which failure kind each answer becomes.
#include "plugins/authorized_client.hpp"
#include "plugins/plugin_session.hpp"
#include "state/token_stores.hpp"

#include <apirunner/plugin.hpp>

#include <catch2/catch.hpp>

#include <deque>
#include <functional>
#include <optional>

using namespace apirunner;

namespace {

// One scripted answer: a status (with headers), or a network failure when status is 0.
struct Answer {
    int status;
    HeaderList headers = {};
    std::string body = "";  // "" for a default body: [] on 200, an error otherwise
};

class ScriptedHttp : public HttpClient {
  public:
    std::deque<Answer> script;
    std::vector<std::string> authorizations;  // as each request was stamped

    HttpResponse send(const HttpRequest& request) override {
        std::string authorization;
        for (const auto& [name, value] : request.headers) {
            authorization = name == "Authorization" ? value : authorization;
        }
        authorizations.push_back(authorization);
        REQUIRE_FALSE(script.empty());
        const Answer answer = script.front();
        script.pop_front();
        if (answer.status == 0) {
            throw Error(ErrorKind::unavailable, "connection refused");
        }
        HttpResponse response;
        response.status = answer.status;
        response.headers = answer.headers;
        response.body = !answer.body.empty()   ? answer.body
                        : answer.status == 200 ? "[]"
                                               : "{\"error\":\"no\"}";
        return response;
    }
    std::optional<std::string> cookie(const std::string&, const std::string&) override {
        return std::nullopt;
    }
};

class QuietLogger : public Logger {
  public:
    void log(LogLevel, const std::string&) override {}
    void add_secret(const std::string&) override {}
};

class FixedClock : public Clock {
  public:
    std::int64_t monotonic_ms() override { return 0; }
    std::int64_t unix_seconds() override { return 1'800'000'000; }
};

class ScriptedHost : public HostServices {
  public:
    ScriptedHttp web;
    QuietLogger quiet;
    FixedClock fixed;
    MemoryTokenStore store;
    std::string name = "scripted";

    HttpClient& http() override { return web; }
    Logger& logger() override { return quiet; }
    Clock& clock() override { return fixed; }
    TokenStore& token_store() override { return store; }
    const std::string& profile() const override { return name; }
};

// Stamps "Bearer t<N>" where N counts renewals; a renewal is due when `due` says so.
struct Renewals {
    int count = 0;
    bool due = false;
    bool refuse = false;  // recover() says the credentials are gone
};

class TokenSession : public Session {
  public:
    TokenSession(const Settings&, HostServices&) {}
    void open() override {}
    std::optional<std::int64_t> keep_alive_in_ms() override {
        return renewals->due ? std::optional<std::int64_t>(0) : std::nullopt;
    }
    void keep_alive() override {
        renewals->due = false;
        ++renewals->count;
    }
    void stamp(HttpRequest& request) override {
        request.set_header("Authorization", "Bearer t" + std::to_string(renewals->count));
    }
    void recover(const HttpResponse&) override {
        if (renewals->refuse) {
            throw Error(ErrorKind::credentials, "the refresh token was revoked");
        }
        ++renewals->count;
    }
    void close() noexcept override {}

    static Renewals* renewals;
};

Renewals* TokenSession::renewals = nullptr;

const SettingSpec k_no_settings[] = {{"unused", SettingType::string, "", false, false, "-"}};
const PluginDescriptor k_descriptor =
    make_descriptor("scripted", "1", "none", "test", k_no_settings, &create_session<TokenSession>);

struct Provider {
    Renewals renewals;
    ScriptedHost* host;
    std::unique_ptr<PluginSession> session;
    RetryPolicy policy;

    explicit Provider(std::deque<Answer> script) {
        TokenSession::renewals = &renewals;
        auto made = std::make_unique<ScriptedHost>();
        made->web.script = std::move(script);
        host = made.get();
        session = std::make_unique<PluginSession>(LoadedPlugin{"", nullptr, &k_descriptor},
                                                  Settings{}, std::move(made));
        session->open();
        policy.base_delay_ms = 1;  // tests wait milliseconds, not seconds
        policy.max_delay_ms = 1000;
    }
    AuthorizedClient client(std::function<bool()> stopping = [] { return false; }) {
        return AuthorizedClient(*session, policy, nullptr, std::move(stopping));
    }
    std::size_t sent() const { return host->web.authorizations.size(); }
};

HttpRequest get(const std::string& method = "GET") {
    HttpRequest request;
    request.method = method;
    request.url = "http://127.0.0.1:1/items";
    return request;
}

// The error a send ends in; the test fails when the send succeeds.
Error failure_of(AuthorizedClient& client, const HttpRequest& request) {
    std::optional<Error> failure;
    try {
        client.send(request);
    } catch (const Error& error) {
        failure = error;
    }
    REQUIRE(failure);
    return *failure;
}

}  // namespace

TEST_CASE("authorized client: 503 and a dropped connection are retried, then the page comes") {
    Provider provider({{503}, {0}, {200}});
    auto client = provider.client();
    CHECK(client.send(get()).status == 200);
    CHECK(provider.sent() == 3);
    CHECK(client.stats().retries == 2);
    CHECK(client.stats().refreshes == 0);
}

TEST_CASE(
    "authorized client: a 401 renews the session once and the request goes again, stamped anew") {
    Provider provider({{401}, {200}});
    auto client = provider.client();
    CHECK(client.send(get()).status == 200);
    CHECK(provider.host->web.authorizations == std::vector<std::string>{"Bearer t0", "Bearer t1"});
    CHECK(client.stats().refreshes == 1);
    CHECK(client.stats().retries == 0);
}

TEST_CASE(
    "authorized client: a second 401 after renewing is credentials refused (77), not a retry") {
    Provider provider({{401}, {401}, {200}});
    auto client = provider.client();
    const Error error = failure_of(client, get());
    CHECK(error.kind() == ErrorKind::credentials);
    CHECK_THAT(error.what(), Catch::Contains("even after renewing the session"));
    CHECK(provider.sent() == 2);
}

TEST_CASE("authorized client: a session that cannot be renewed says so with its own kind") {
    Provider provider(std::deque<Answer>{{401}});
    provider.renewals.refuse = true;
    auto client = provider.client();
    const Error error = failure_of(client, get());
    CHECK(error.kind() == ErrorKind::credentials);
    CHECK_THAT(error.what(), Catch::Contains("provider 'scripted'") &&
                                 Catch::Contains("the refresh token was revoked"));
}

TEST_CASE("authorized client: a due keep-alive renews before the request and is counted") {
    Provider provider(std::deque<Answer>{{200}});
    provider.renewals.due = true;
    auto client = provider.client();
    CHECK(client.send(get()).status == 200);
    CHECK(provider.host->web.authorizations == std::vector<std::string>{"Bearer t1"});
    CHECK(client.stats().refreshes == 1);
}

TEST_CASE("authorized client: 404 is bad data and 403 credentials, each without a retry") {
    for (const auto& [status, kind] : {std::pair<int, ErrorKind>{404, ErrorKind::bad_data},
                                       std::pair<int, ErrorKind>{403, ErrorKind::credentials}}) {
        INFO("HTTP " << status);
        Provider provider({{status}, {200}});
        auto client = provider.client();
        const Error error = failure_of(client, get());
        CHECK(error.kind() == kind);
        CHECK_THAT(error.what(), Catch::Contains("answered HTTP " + std::to_string(status)));
        CHECK(provider.sent() == 1);
    }
}

TEST_CASE("authorized client: a POST is not sent twice: one 503 is provider unavailable (69)") {
    Provider provider({{503}, {200}});
    auto client = provider.client();
    const Error error = failure_of(client, get("POST"));
    CHECK(error.kind() == ErrorKind::unavailable);
    CHECK_THAT(error.what(), Catch::Contains("gave up after 1 attempts"));
    CHECK(provider.sent() == 1);
}

TEST_CASE("authorized client: max_attempts bounds the tries, and the last failure is told") {
    Provider provider({{500}, {502}, {504}});
    provider.policy.max_attempts = 3;
    auto client = provider.client();
    const Error error = failure_of(client, get());
    CHECK(error.kind() == ErrorKind::unavailable);
    CHECK_THAT(error.what(),
               Catch::Contains("gave up after 3 attempts") && Catch::Contains("answered HTTP 504"));
    CHECK(provider.sent() == 3);
}

TEST_CASE("authorized client: a Retry-After past max_delay_ms is a temporary failure, no wait") {
    Provider provider({{429, {{"Retry-After", "3600"}}}, {200}});
    auto client = provider.client();
    const Error error = failure_of(client, get());
    CHECK(error.kind() == ErrorKind::temporary);
    CHECK_THAT(error.what(), Catch::Contains("asked to wait 3600 s, longer than the limit"));
    CHECK(provider.sent() == 1);
}

TEST_CASE("authorized client: waits past max_retry_time_ms give up, saying how long was waited") {
    Provider provider({{503, {{"Retry-After", "1"}}}, {503, {{"Retry-After", "1"}}}, {200}});
    provider.policy.max_retry_time_ms = 1500;
    provider.policy.max_delay_ms = 2000;
    auto client = provider.client();
    const Error error = failure_of(client, get());
    CHECK(error.kind() == ErrorKind::unavailable);
    CHECK_THAT(error.what(), Catch::Contains("gave up after 2 attempts (retry.max_retry_time_ms"));
    CHECK(provider.sent() == 2);
}

TEST_CASE("authorized client: a stop request cuts a wait short as a temporary failure") {
    Provider provider({{503, {{"Retry-After", "30"}}}, {200}});
    provider.policy.max_delay_ms = 60'000;
    auto client = provider.client([] { return true; });
    const Error error = failure_of(client, get());
    CHECK(error.kind() == ErrorKind::temporary);
    CHECK_THAT(error.what(), Catch::StartsWith("stopped while waiting to retry"));
    CHECK(provider.sent() == 1);
}

TEST_CASE("authorized client: a 403 that says the rate limit is spent waits for the reset") {
    const std::string soon = std::to_string(1'800'000'001);  // a second past the scripted clock
    Provider provider(
        {{403, {{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset", soon}}}, {200}});
    provider.policy.max_delay_ms = 2000;
    auto client = provider.client();
    CHECK(client.send(get()).status == 200);  // retried, never "credentials refused"
    CHECK(provider.sent() == 2);
}

TEST_CASE("authorized client: a spent limit resetting past max_delay_ms is a temporary failure") {
    for (const HeaderList& headers :
         {HeaderList{{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset", "1800003600"}},
          HeaderList{{"RateLimit-Remaining", "0"}, {"RateLimit-Reset", "3600"}}}) {
        for (const int status : {403, 429}) {
            INFO(status << " " << headers[1].first);
            Provider provider({{status, headers}, {200}});
            auto client = provider.client();
            const Error error = failure_of(client, get());
            CHECK(error.kind() == ErrorKind::temporary);
            CHECK_THAT(error.what(), Catch::Contains("asked to wait 3600 s"));
            CHECK(provider.sent() == 1);
        }
    }
}

TEST_CASE(
    "authorized client: a 403 whose body only happens to hold 'rate limit' letters is a refusal") {
    Provider provider(
        {{403, {}, R"({"message":"This exceeds the corporate limits of your plan"})"}});
    auto client = provider.client();
    const Error error = failure_of(client, get());
    CHECK(error.kind() == ErrorKind::credentials);
    CHECK(provider.sent() == 1);
}

TEST_CASE("authorized client: a 403 with budget left, or no reset ahead, is still a refusal") {
    for (const HeaderList& headers :
         {HeaderList{{"X-RateLimit-Remaining", "12"}, {"X-RateLimit-Reset", "1800000060"}},
          HeaderList{{"X-RateLimit-Remaining", "0"}}}) {
        Provider provider({{403, headers}});
        auto client = provider.client();
        const Error error = failure_of(client, get());
        CHECK(error.kind() == ErrorKind::credentials);
    }
}

TEST_CASE(
    "authorized client: a 403 with Retry-After or a body saying rate limit waits, then retries") {
    // GitHub's secondary limit: budget left, Retry-After; Google's: only the body says it.
    const std::vector<Answer> limits = {
        {403, {{"X-RateLimit-Remaining", "4000"}, {"Retry-After", "1"}}},
        {403, {}, R"({"message":"You have exceeded a secondary rate limit."})"},
        {403,
         {},
         R"({"error":{"errors":[{"domain":"usageLimits","reason":"userRateLimitExceeded"}]}})"}};
    for (const Answer& limit : limits) {
        INFO(limit.body);
        Provider provider({limit, {200}});
        provider.policy.rate_limited_delay_ms = 10;
        auto client = provider.client();
        CHECK(client.send(get()).status == 200);
        CHECK(provider.sent() == 2);
    }
}

TEST_CASE(
    "authorized client: a 429, or a 403 rate limit, without a hint waits at least "
    "rate_limited_delay_ms") {
    for (const Answer& limit :
         {Answer{429}, Answer{403, {}, R"({"message":"API rate limit hit"})"}}) {
        Provider provider({limit, {200}});
        provider.policy.rate_limited_delay_ms = 3'600'000;  // past max_delay_ms: no wait
        auto client = provider.client();
        const Error error = failure_of(client, get());
        CHECK(error.kind() == ErrorKind::temporary);
        CHECK_THAT(error.what(), Catch::Contains("asked to wait 3600 s"));
    }
}
