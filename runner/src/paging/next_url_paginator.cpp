#include "paging/next_url_paginator.hpp"

#include "http/origin.hpp"
#include "paging/json_path.hpp"

#include <apirunner/error.hpp>

#include <Poco/Exception.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <Poco/URI.h>

#include <algorithm>

namespace apirunner {
namespace {

// The next page's URL, relative ones taken from the page's own.
Poco::URI resolve(const std::string& page_url, const std::string& next) {
    try {
        return resolve_reference(Poco::URI(page_url), next);
    } catch (const Poco::SyntaxException&) {
        throw Error(ErrorKind::bad_data,
                    "the provider's next-page URL is not a URL: '" + next.substr(0, 200) + "'");
    }
}

}  // namespace

std::optional<std::string> link_next(const std::string& link_header) {
    // <https://a/b?page=2>; rel="next", <https://a/b?page=9>; rel="last"
    Poco::StringTokenizer links(link_header, ",", Poco::StringTokenizer::TOK_TRIM);
    for (const auto& link : links) {
        const auto open = link.find('<');
        const auto close = link.find('>');
        if (open != 0 || close == std::string::npos) {
            continue;
        }
        Poco::StringTokenizer params(
            link.substr(close + 1), ";",
            Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
        for (const auto& param : params) {
            if (Poco::icompare(param.substr(0, 4), "rel=") != 0) {
                continue;
            }
            std::string rel = param.substr(4);
            rel.erase(std::remove(rel.begin(), rel.end(), '"'), rel.end());
            // rel may list several relation types: rel="next last"
            Poco::StringTokenizer types(rel, " ", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
            for (const auto& type : types) {
                if (Poco::icompare(type, "next") == 0) {
                    return link.substr(1, close - 1);
                }
            }
        }
    }
    return std::nullopt;
}

std::string url_on_page_origin(const std::string& page_url, const std::string& next) {
    if (std::any_of(next.begin(), next.end(),
                    [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; })) {
        throw Error(ErrorKind::bad_data,
                    "the provider's URL holds a space or a control character: refused");
    }
    const Poco::URI resolved = resolve(page_url, next);
    if (origin_of(resolved) != origin_of(Poco::URI(page_url))) {
        throw Error(ErrorKind::bad_data,
                    "the next page is on another origin (" + origin_of(resolved) +
                        "); refused so that credentials stay with the provider");
    }
    return resolved.toString();
}

NextUrlPaginator::NextUrlPaginator(const PagingSpec& spec)
    : Paginator(max_pages(spec), spec.fields), m_size_param(size_param(spec)) {
    if (!spec.fields.text("next").empty()) {
        m_next_path = JsonPath::parse(spec.fields.text("next"));
    }
}

std::optional<PageRequest> NextUrlPaginator::next() {
    if (m_done) {
        return std::nullopt;
    }
    m_guard.before_request();
    if (m_next) {
        return PageRequest{{}, m_next};
    }
    return PageRequest{m_size_param, std::nullopt};
}

bool NextUrlPaginator::start_from(const std::string& url) {
    m_next = url;
    m_guard.first_visit(url, "next-page URL");
    return true;
}

void NextUrlPaginator::accept(const Page& page) {
    m_guard.counted();
    const bool first = !m_next;
    std::optional<std::string> next;
    std::optional<JsonValue> found;
    if (m_next_path) {
        found = find_path(page.body, *m_next_path);
        next = position_text(found);
    } else {
        for (const auto& [name, value] : page.headers) {
            if (Poco::icompare(name, "Link") == 0 && !next) {
                next = link_next(value);
            }
        }
    }
    const auto more = says_more(page);
    if (more && *more && !next) {
        fail_partial(page, "says more follow (" + m_more.said() + ") but has no next-page URL " +
                               (m_next_path ? "at '" + m_next_path->text() + "'"
                                            : std::string("in a Link header")));
    }
    if (!more && m_next_path) {
        check_full_first_page(page, first, *m_next_path, found.has_value());
    }
    m_done = more ? !*more : !next;
    if (m_done) {
        return;
    }
    // As for cursors: an empty page with a new link is followed (Graph's delta query says more
    // pages follow even after an empty one); one pointing back, or five in a row, end the walk.
    const std::string resolved = url_on_page_origin(page.url, *next);
    m_empty_in_a_row = page.record_count == 0 ? m_empty_in_a_row + 1 : 0;
    m_done = !more && m_empty_in_a_row > 0 &&
             (m_guard.visited(resolved) || m_empty_in_a_row >= k_empty_pages_at_most);
    if (m_done) {
        return;
    }
    m_next = resolved;
    m_guard.first_visit(*m_next, "next-page URL");
}

void NextUrlPaginator::save_position(Poco::JSON::Object& position) const {
    save_optional(position, "next", m_next);
    position.set("done", m_done);
    position.set("empty_in_a_row", m_empty_in_a_row);
}

void NextUrlPaginator::restore_position(const Poco::JSON::Object& position) {
    m_next = restore_optional<std::string>(position, "next");
    m_done = position.getValue<bool>("done");
    m_empty_in_a_row = position.optValue<Poco::Int64>("empty_in_a_row", 0);
}

PagingKind next_url_paging() {
    FieldTable fields = page_size_fields();
    fields.push_back(path_field("next",
                                "Path to the next page's URL; empty: the Link header's "
                                "rel=\"next\". URLs on another origin are refused."));
    fields.push_back(records_field());
    add_more_flag(fields);
    fields.push_back(inject_field());
    fields.push_back(max_pages_field());
    fields.push_back(concurrency_field());
    return {
        "next_url",
        "Each page gives the next page's URL, in the body or in the Link header; stops when there "
        "is none or on an empty page, or as has_more/last_page say.",
        fields, with_more_flag(refuse_planning("next_url")),
        [](const PagingSpec& spec) { return std::make_unique<NextUrlPaginator>(spec); }};
}

}  // namespace apirunner
