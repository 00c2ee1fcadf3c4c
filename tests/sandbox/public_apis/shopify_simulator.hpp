// Shopify's Admin REST API product list, as documented at
// https://shopify.dev/docs/api/usage/pagination-rest and
// https://shopify.dev/docs/api/admin-rest/2024-01/resources/product: GET
// /admin/api/2024-01/products.json with the app's token in X-Shopify-Access-Token, `limit` up to
// 250 (default 50); the next page's URL, with an opaque `page_info`, comes in the Link header
// (rel="next"), and a request with page_info takes no other filter. The rate limit is a leaky
// bucket of 40 requests draining 2 a second (https://shopify.dev/docs/api/usage/rate-limits):
// every answer says X-Shopify-Shop-Api-Call-Limit: used/40, and a full bucket answers 429 with
// `Retry-After: 2.0`. A wrong token is 401 {"errors":"[API] Invalid API key or access token..."}.
#pragma once

#include "../dataset.hpp"
#include "../provider_simulator.hpp"

#include <chrono>
#include <mutex>

namespace sandbox {

class ShopifySimulator : public ProviderSimulator {
  public:
    static constexpr const char* k_token = "shpat_SENTINEL-shopify-access-token";

    explicit ShopifySimulator(const SandboxOptions& options) : m_options(options) {}
    std::vector<std::string> prefixes() const override { return {"/shopify"}; }
    void handle(const std::string& prefix, Exchange& exchange) override;
    bool serves_data(const std::string& path) const override {
        return path == "/admin/api/2024-01/products.json";
    }

  private:
    void products(Exchange& exchange);
    // Takes one request from the bucket: its level after, or nothing when it is full.
    std::optional<double> take_from_bucket();

    const SandboxOptions& m_options;
    Dataset m_dataset{m_options};
    std::mutex m_mutex;
    double m_level = 0;
    std::chrono::steady_clock::time_point m_drained = std::chrono::steady_clock::now();
};

}  // namespace sandbox
