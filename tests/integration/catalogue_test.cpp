// The ready-made job files for public APIs (jobs/<api>/), run as shipped against the sandbox's
// imitation of each API: every record arrives exactly once, through faults too; and the mistakes
// that used to end "ok" with part of the records now fail, naming the page and the path.
#include "workdir.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace itest;

namespace {

struct CatalogueJob {
    const char* file;  // under jobs/
    const char* job;
    const char* table;
    const char* provider;
};

const CatalogueJob k_catalogue[] = {
    {"stripe/customers.yaml", "stripe-customers", "stripe_customers", "stripe"},
    {"graph/users.yaml", "graph-users", "graph_users", "graph"},
    {"graph/users_delta.yaml", "graph-users-delta", "graph_users", "graph"},
    {"jira/projects.yaml", "jira-projects", "jira_projects", "jira"},
    {"zendesk/tickets.yaml", "zendesk-tickets", "zendesk_tickets", "zendesk"},
    {"notion/tasks.yaml", "notion-tasks", "notion_tasks", "notion"},
    {"wordpress/posts.yaml", "wordpress-posts", "wordpress_posts", "wordpress"},
    {"github/issues.yaml", "github-issues", "github_issues", "github"},
    {"hubspot/contacts.yaml", "hubspot-contacts", "hubspot_contacts", "hubspot"},
    {"salesforce/accounts.yaml", "salesforce-accounts", "salesforce_accounts", "salesforce"},
    {"shopify/products.yaml", "shopify-products", "shopify_products", "shopify"},
    {"airtable/tasks.yaml", "airtable-tasks", "airtable_tasks", "airtable"},
    {"google/files.yaml", "google-files", "google_files", "google"},
};

// The catalogue entry of a job file.
const CatalogueJob& catalogue(const std::string& file) {
    for (const auto& entry : k_catalogue) {
        if (entry.file == file) {
            return entry;
        }
    }
    throw std::logic_error("no catalogue entry " + file);
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
}

// The shipped file with its defaults pointed at this sandbox and its files kept in the workdir;
// `provider_extra` lines go under the provider.
std::string catalogue_file(const Sandbox& sandbox, const CatalogueJob& entry,
                           const std::string& provider_extra = "") {
    std::string jobs = shipped_jobs(sandbox, entry.file);
    // A setting the file has already (a provider's retry) is replaced, not given twice.
    const std::string key = provider_extra.substr(0, provider_extra.find(':') + 1);
    const auto existing = key.empty() ? std::string::npos : jobs.find("\n" + key);
    if (existing != std::string::npos) {
        jobs.erase(existing + 1, jobs.find('\n', existing + 1) - existing);
    }
    const std::string provider = "  " + std::string(entry.provider) + ":\n";
    jobs.insert(jobs.find(provider) + provider.size(), provider_extra);
    return jobs;
}

// Every record of the sandbox's `total` is in the table once: as many rows as records, and as
// many distinct ids (the sandbox makes exactly `total` ids).
void every_record_once(const Workdir& work, const CatalogueJob& entry, Poco::Int64 total) {
    const std::string table = entry.table;
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(*) FROM " + table) == total);
    // The primary key column (id, or Salesforce's Id: SQLite's names ignore case).
    CHECK(work.sql("out/extracts.sqlite", "SELECT count(DISTINCT id) FROM " + table) == total);
}

}  // namespace

TEST_CASE("catalogue: each public API's job file extracts every record exactly once") {
    Sandbox sandbox({"--records", "2537"});
    for (const auto& entry : k_catalogue) {
        INFO(entry.file);
        Workdir work;
        work.write("jobs.yaml", catalogue_file(sandbox, entry));
        const Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
        CHECK(run.exit_code == 0);
        CHECK_THAT(run.out,
                   Catch::Contains("job " + std::string(entry.job) + ": ok, 2537 records"));
        every_record_once(work, entry, 2537);
    }
    // Salesforce's batch size came in its second header (Sforce-Query-Options: batchSize=500).
    CHECK(sandbox.count("salesforce: query batch 500..1000") == 1);
    // Airtable's job keeps under 5 requests a second: no 429, so no 30 s wait.
    CHECK(sandbox.count("airtable: 429") == 0);
    // Google's walk went on past its empty and half pages (26 pages would hold every file).
    CHECK(sandbox.count("google: files") > 26);
}

TEST_CASE(
    "catalogue: Google, a revoked grant is exit 77, and no later run sends the refused "
    "access token") {
    Sandbox sandbox({"--records", "300"});
    Workdir work;
    work.write("jobs.yaml", catalogue_file(sandbox, catalogue("google/files.yaml")));
    REQUIRE(work.apirunner({"run", "--config", "jobs.yaml"}).exit_code == 0);
    // The user revokes the app's access (Google revokes the access tokens with the grant).
    REQUIRE(post_form(sandbox.url("/google/oauth2/revoke"),
                      "token=1//SENTINEL-google-refresh-token") == 200);
    const Finished refused = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(refused.exit_code == 77);
    CHECK_THAT(refused.err, Catch::Contains("provider 'google': the refresh token was refused; "
                                            "put a new one in credentials.refresh_token"));
    CHECK(sandbox.count("google: 401") == 1);  // the stored access token, tried once
    const Finished again = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(again.exit_code == 77);
    CHECK_THAT(again.err, Catch::Contains("invalid_grant (Token has been expired or revoked.)"));
    CHECK(sandbox.count("google: 401") == 1);  // the refused token was not sent again
    for (const Finished* run : {&refused, &again}) {
        CHECK_THAT(run->out + run->err, !Catch::Contains("SENTINEL"));
    }
}

TEST_CASE("catalogue: through 503s and dropped answers, still every record exactly once") {
    Sandbox sandbox({"--records", "777", "--fail-every", "3", "--drop-every", "5"});
    for (const auto& entry : k_catalogue) {
        INFO(entry.file);
        Workdir work;
        work.write("jobs.yaml",
                   catalogue_file(sandbox, entry,
                                  "    retry: {max_attempts: 6, base_delay_ms: 10, "
                                  "rate_limited_delay_ms: 1000}\n"));  // Google's quota: a second
        const Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
        CHECK(run.exit_code == 0);
        every_record_once(work, entry, 777);
    }
    CHECK(sandbox.count("fault: 503") >= 4);  // the faults did come, to every API
    CHECK(sandbox.count("fault: connection dropped") >= 4);
}

TEST_CASE("catalogue: a dotted key written as a dot path fails on page 1, saying how to write it") {
    Sandbox sandbox({"--records", "2537"});
    Workdir work;
    std::string jobs = catalogue_file(sandbox, catalogue("graph/users.yaml"));
    replace_all(jobs, R"(next: '["@odata.nextLink"]')", "next: '@odata.nextLink'");
    work.write("jobs.yaml", jobs);
    const Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 65);
    CHECK_THAT(run.err,
               Catch::Contains("job 'graph-users' failed (bad data from provider): page 1 "
                               "of /graph/v1.0/users is full (999 records) but has nothing at "
                               "'@odata.nextLink'") &&
                   Catch::Contains(R"(in brackets and quotes, ["@odata.nextLink"])"));
    CHECK_THAT(run.out, !Catch::Contains(": ok"));
}

TEST_CASE("catalogue: Stripe's cursor taken from the page instead of its last record fails") {
    Sandbox sandbox({"--records", "2537"});
    Workdir work;
    std::string jobs = catalogue_file(sandbox, catalogue("stripe/customers.yaml"));
    replace_all(jobs, "cursor: data[-1].id", "cursor: id");
    work.write("jobs.yaml", jobs);
    const Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 65);
    CHECK_THAT(run.err,
               Catch::Contains("page 1 of /stripe/v1/customers says more follow ('has_more' "
                               "is true) but has no cursor at 'id'"));
}

TEST_CASE("catalogue: without has_more, a Stripe walk still ends, on the empty page past the end") {
    Sandbox sandbox({"--records", "250"});
    Workdir work;
    std::string jobs = catalogue_file(sandbox, catalogue("stripe/customers.yaml"));
    replace_all(jobs, "      has_more: has_more\n", "");
    work.write("jobs.yaml", jobs);
    const Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 0);
    every_record_once(work, catalogue("stripe/customers.yaml"), 250);
    CHECK(sandbox.count("stripe: customers 250..250") == 1);  // the one request past the end
}

TEST_CASE("catalogue: without its Notion-Version header, Notion's own error code is shown") {
    Sandbox sandbox({"--records", "10"});
    Workdir work;
    std::string jobs = catalogue_file(sandbox, catalogue("notion/tasks.yaml"));
    replace_all(jobs, "      headers: {Notion-Version: \"2022-06-28\"}\n", "");
    work.write("jobs.yaml", jobs);
    const Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 65);
    CHECK_THAT(run.err, Catch::Contains("400") && Catch::Contains("missing_version"));
}

TEST_CASE("catalogue: WordPress's pages counted from a header end without the page past the last") {
    Sandbox sandbox({"--records", "250"});
    Workdir work;
    work.write("jobs.yaml", catalogue_file(sandbox, catalogue("wordpress/posts.yaml")));
    REQUIRE(work.apirunner({"run", "--config", "jobs.yaml"}).exit_code == 0);
    CHECK(sandbox.count("wordpress: posts page") == 3);
    CHECK(sandbox.count("past the last") == 0);
}

TEST_CASE("catalogue: without the header, WordPress's 400 past the last page ends the walk") {
    Sandbox sandbox({"--records", "250"});
    Workdir work;
    std::string jobs = catalogue_file(sandbox, catalogue("wordpress/posts.yaml"));
    replace_all(jobs, "      total_pages_header: X-WP-TotalPages\n", "");
    work.write("jobs.yaml", jobs);
    const Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 0);
    every_record_once(work, catalogue("wordpress/posts.yaml"), 250);
    CHECK(sandbox.count("400: page 4 past the last") == 1);
    // Without end_on_status the same answer fails the job, as bad data with the provider's words.
    replace_all(jobs, "      end_on_status: [400]\n", "");
    work.write("jobs.yaml", jobs);
    const Finished strict = work.apirunner({"run", "--config", "jobs.yaml", "--full-refresh"});
    CHECK(strict.exit_code == 65);
    CHECK_THAT(strict.err, Catch::Contains("rest_post_invalid_page_number"));
}

TEST_CASE(
    "catalogue: GitHub's spent rate limit (403, Remaining 0) is waited out, never a new login") {
    Sandbox sandbox({"--records", "1000", "--budget", "4"});
    Workdir work;
    work.write("jobs.yaml", catalogue_file(sandbox, catalogue("github/issues.yaml")));  // 10 pages
    const Finished run = work.apirunner({"run", "--config", "jobs.yaml"});
    CHECK(run.exit_code == 0);
    every_record_once(work, catalogue("github/issues.yaml"), 1000);
    CHECK(sandbox.count("fault: 403, rate limit spent") >= 1);
}

TEST_CASE(
    "catalogue: Shopify's full bucket (429, Retry-After: 2.0) is waited out for two seconds") {
    Sandbox sandbox({"--records", "12000"});  // 48 pages of 250: past the bucket of 40
    Workdir work;
    work.write("jobs.yaml", catalogue_file(sandbox, catalogue("shopify/products.yaml")));
    const Finished run = work.apirunner({"run", "--config", "jobs.yaml", "--log-level", "info"});
    CHECK(run.exit_code == 0);
    every_record_once(work, catalogue("shopify/products.yaml"), 12000);
    REQUIRE(sandbox.count("shopify: 429: the bucket is full") >= 1);
    // Each wait is at least Shopify's 2.0 s (a floor on the backoff); "2.0" once read as no hint.
    const std::string waiting = "ms before retrying";
    int waits = 0;
    for (auto at = run.err.find(waiting); at != std::string::npos;
         at = run.err.find(waiting, at + 1), ++waits) {
        const auto start = run.err.rfind("waiting ", at) + 8;
        CHECK(std::stoll(run.err.substr(start, at - start)) >= 2000);
    }
    CHECK(waits >= 1);
}
