// The paginator of a job whose bookmark is a token of the walk's last page (`incremental.token`:
// a sync token, a delta link, Zendesk's after_cursor). A run with a stored token starts the walk
// from it, where `token_param` is unset: the job's paging kind sends it back as its cursor, or
// follows it as its next URL. A run without one (the first, --full-refresh, --since) sends the
// range's lower bound with its first request only: from there the provider's position carries
// it. Each page's token, or that it had none, is kept in the walk's position, so the checkpoint
// of the last page stored holds the token the run ends with (token_in).
#pragma once

#include "incremental/incremental_spec.hpp"
#include "paging/paginator.hpp"

#include <memory>
#include <optional>
#include <string>

namespace apirunner {

// The longest token kept: a sync token or a delta link is far shorter.
constexpr std::size_t k_longest_token = 8192;

class TokenPaginator : public Paginator {
  public:
    // `start`: the stored token the walk starts from, or nothing; `first`: what goes with the
    // first request when there is none. Throws Error(config) when the paging kind cannot start
    // from a token (the loader refuses such jobs).
    TokenPaginator(const PagingSpec& paging, const IncrementalSpec& spec,
                   const std::optional<std::string>& start, PageParams first);

    std::optional<PageRequest> next() override;
    void accept(const Page& page) override;
    const Totals& totals() const override { return m_inner->totals(); }
    void end_walk() override { m_inner->end_walk(); }
    // The job's kind plans ahead (concurrency) once the first request, with its bound, is made.
    std::vector<PageRequest> ahead(std::size_t n) override;

    // The token of the last page a saved position counts; nothing when that page had none, or
    // `saved` is no position of this paginator.
    static std::optional<std::string> token_in(const std::string& saved);

  protected:
    void save_position(Poco::JSON::Object& position) const override;
    void restore_position(const Poco::JSON::Object& position) override;

  private:
    JsonPath m_token_path;
    PageParams m_first;
    std::unique_ptr<Paginator> m_inner;
    bool m_starts_at_url;   // the next run fetches the token: kept resolved, on the origin
    bool m_walked = false;  // a page came: the provider's position carries the range
    std::optional<std::string> m_token;
};

}  // namespace apirunner
