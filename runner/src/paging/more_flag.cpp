#include "paging/more_flag.hpp"

#include <apirunner/error.hpp>

namespace apirunner {

MoreFlag::MoreFlag(const FieldValues& fields) {
    if (!fields.text("has_more").empty()) {
        m_path = JsonPath::parse(fields.text("has_more"));
    } else if (!fields.text("last_page").empty()) {
        m_path = JsonPath::parse(fields.text("last_page"));
        m_true_means_more = false;
    }
}

std::optional<bool> MoreFlag::more(JsonValue body, std::int64_t page_number) const {
    if (!m_path) {
        return std::nullopt;
    }
    bool flag = false;
    const auto found = find_path(body, *m_path);
    if (!found || found->get(flag) != simdjson::SUCCESS) {
        throw Error(ErrorKind::bad_data, "page " + std::to_string(page_number) +
                                             " has no true or false at '" + m_path->text() +
                                             "' (paging." +
                                             (m_true_means_more ? "has_more" : "last_page") +
                                             "), so whether more pages follow cannot be told");
    }
    return flag == m_true_means_more;
}

std::string MoreFlag::said() const {
    return "'" + (m_path ? m_path->text() : std::string()) + "' is " +
           (m_true_means_more ? "true" : "false");
}

FieldTable more_flag_fields() {
    FieldSpec has_more{"has_more", FieldType::text,
                       "Path to a boolean that is true while more pages follow (Stripe's "
                       "has_more); where set, it decides when the walk ends.",
                       ""};
    FieldSpec last_page{"last_page", FieldType::text,
                        "Path to a boolean that is true on the last page (Jira's isLast, "
                        "Zendesk's end_of_stream); where set, it decides when the walk ends.",
                        ""};
    FieldTable fields{has_more, last_page};
    for (auto& field : fields) {
        field.check = JsonPath::problem;
        field.pattern = JsonPath::pattern();
        field.moves_position = false;
    }
    return fields;
}

void check_more_flag(const FieldValues& values, YamlMap& map) {
    if (!values.text("has_more").empty() && !values.text("last_page").empty()) {
        map.problem("last_page", "and has_more say the same thing: set one of them");
    }
}

}  // namespace apirunner
