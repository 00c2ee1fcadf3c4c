// The WordPress REST API's post list, as documented at
// https://developer.wordpress.org/rest-api/using-the-rest-api/pagination/ and
// https://developer.wordpress.org/rest-api/reference/posts/: GET /wp-json/wp/v2/posts with
// `page` (from 1) and `per_page` (1..100, default 10); the body is a bare JSON array, and the
// totals are only in the X-WP-Total and X-WP-TotalPages headers. A page past the last answers
// 400 {"code":"rest_post_invalid_page_number",...}. Public posts need no credentials; an
// application password goes in Basic auth
// (https://developer.wordpress.org/rest-api/using-the-rest-api/authentication/), and a wrong one
// is 401 {"code":"incorrect_password",...}.
#pragma once

#include "../dataset.hpp"
#include "../provider_simulator.hpp"

namespace sandbox {

class WordPressSimulator : public ProviderSimulator {
  public:
    static constexpr const char* k_user = "editor";
    static constexpr const char* k_application_password = "SENTINEL-wp-application-password";

    explicit WordPressSimulator(const SandboxOptions& options) : m_options(options) {}
    std::vector<std::string> prefixes() const override { return {"/wordpress"}; }
    void handle(const std::string& prefix, Exchange& exchange) override;
    bool serves_data(const std::string& path) const override {
        return path == "/wp-json/wp/v2/posts";
    }

  private:
    void posts(Exchange& exchange);

    const SandboxOptions& m_options;
    Dataset m_dataset{m_options};
};

}  // namespace sandbox
