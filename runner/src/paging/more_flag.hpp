// Stop signals a page gives about itself: `has_more` (a boolean that is true while more pages
// follow: Stripe, Notion) or `last_page` (true on the last page: Jira's isLast, Zendesk's
// end_of_stream). Where one is set it decides whether the walk goes on, and a page that says
// more follow while the walk has nowhere to go fails the job (never a silent partial extract).
#pragma once

#include "paging/json_path.hpp"
#include "settings/field_table.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace apirunner {

class MoreFlag {
  public:
    explicit MoreFlag(const FieldValues& fields);
    // Nothing when neither setting is made. Throws Error(bad_data) naming the path and the page
    // when the page has no boolean there.
    std::optional<bool> more(JsonValue body, std::int64_t page_number) const;
    // "has_more is true", for messages.
    std::string said() const;

  private:
    std::optional<JsonPath> m_path;
    bool m_true_means_more = true;
};

// The has_more and last_page rows every paging kind takes, and the check that only one is set.
FieldTable more_flag_fields();
void check_more_flag(const FieldValues& values, YamlMap& map);

}  // namespace apirunner
