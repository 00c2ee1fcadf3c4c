// Stripe's list API, as documented at https://docs.stripe.com/api/pagination and
// https://docs.stripe.com/api/customers/list: GET /v1/customers with the secret key as a Bearer
// token or as the Basic user (https://docs.stripe.com/api/authentication); `limit` 1..100
// (default 10), `starting_after` / `ending_before` an object id; newest first; the answer is
// {"object":"list","url":"/v1/customers","has_more":...,"data":[...]} with no cursor of its own:
// the client sends the last object's id back. Errors are {"error":{"type","code","param",
// "message"}} (https://docs.stripe.com/api/errors): 400 for a bad parameter or an unknown id,
// 401 for a missing or wrong key. `created[gt]`, `created[gte]`, `created[lt]` and
// `created[lte]` (Unix seconds) keep the customers created in that range. POST
// /stripe/_sandbox/changes?added=N (the sandbox's own) signs up N new customers, created now.
#pragma once

#include "../dataset.hpp"
#include "../provider_simulator.hpp"

#include <mutex>
#include <optional>
#include <vector>

namespace sandbox {

class StripeSimulator : public ProviderSimulator {
  public:
    static constexpr const char* k_secret_key = "sk_test_SENTINEL-stripe-secret-key";

    explicit StripeSimulator(const SandboxOptions& options) : m_options(options) {}
    std::vector<std::string> prefixes() const override { return {"/stripe"}; }
    void handle(const std::string& prefix, Exchange& exchange) override;
    bool serves_data(const std::string& path) const override { return path == "/v1/customers"; }

  private:
    void customers(Exchange& exchange);
    void change(Exchange& exchange);
    // The lowest and highest index `created[...]` lets through, or nothing after answering 400;
    // `first` customers were there from the start. Under m_mutex, as the next one.
    std::optional<std::pair<std::int64_t, std::int64_t>> created_range(Exchange& exchange,
                                                                       std::int64_t first);
    std::int64_t created_of(std::int64_t index, std::int64_t first) const;

    const SandboxOptions& m_options;
    Dataset m_dataset{m_options};
    std::mutex m_mutex;
    std::vector<std::int64_t> m_added_at;  // when each customer signed up after the start
};

}  // namespace sandbox
