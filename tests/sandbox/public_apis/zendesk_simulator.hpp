// Zendesk's cursor-based incremental ticket export, as documented at
// https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/
// and
// https://developer.zendesk.com/documentation/ticketing/managing-tickets/using-the-incremental-export-api:
// GET /api/v2/incremental/tickets/cursor.json with `start_time` (Unix seconds) on the first
// request and `cursor` (the last page's after_cursor) on the others; `per_page` up to 1000. The
// answer holds tickets, after_url, after_cursor, before_url, before_cursor and end_of_stream,
// which is true on the last page while after_cursor is still given (kept for the next poll).
// Auth is Basic "{email}/token:{api_token}" or an OAuth Bearer token
// (https://developer.zendesk.com/api-reference/introduction/security-and-auth/); a refused
// request is 401 {"error":"Couldn't authenticate you"}.
// The export is a stream in the order of updates: a ticket changed later leaves its place and
// comes again at the stream's end, so the after_cursor kept from a last page reads, on the next
// poll, every ticket changed since and only those. POST /zendesk/_sandbox/changes?updated=K&added=N
// (the sandbox's own, not Zendesk's) edits K tickets spread over the list and opens N new ones.
#pragma once

#include "../change_stream.hpp"
#include "../provider_simulator.hpp"

namespace sandbox {

class ZendeskSimulator : public ProviderSimulator {
  public:
    static constexpr const char* k_user = "ada@example.test/token";
    static constexpr const char* k_api_token = "SENTINEL-zendesk-api-token";

    explicit ZendeskSimulator(const SandboxOptions& options) : m_options(options) {}
    std::vector<std::string> prefixes() const override { return {"/zendesk"}; }
    void handle(const std::string& prefix, Exchange& exchange) override;
    bool serves_data(const std::string& path) const override {
        return path == "/api/v2/incremental/tickets/cursor.json";
    }

  private:
    static constexpr std::int64_t k_epoch = 1700000000;  // the first ticket's updated_at

    void tickets(Exchange& exchange);
    void change(Exchange& exchange);

    const SandboxOptions& m_options;
    ChangeStream m_stream{m_options, k_epoch};
};

}  // namespace sandbox
