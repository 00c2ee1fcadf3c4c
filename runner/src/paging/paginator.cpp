#include "paging/paginator.hpp"

#include "paging/single_page.hpp"

#include <apirunner/error.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <sstream>

namespace apirunner {
namespace {

// How many of the latest positions a checkpoint keeps, so that a resumed walk still knows a
// cursor that points back (a provider's loop, or an empty page's way of saying the end).
constexpr std::size_t k_recent_kept = 16;

}  // namespace

std::unique_ptr<Paginator> make_paginator(const PagingSpec& spec) {
    return spec.kind ? spec.kind->make(spec) : std::make_unique<SinglePage>(spec);
}

FieldSpec path_field(std::string name, std::string description) {
    FieldSpec spec{std::move(name), FieldType::text, std::move(description), ""};
    spec.check = JsonPath::problem;
    spec.pattern = JsonPath::pattern();
    return spec;
}

FieldSpec records_field() {
    FieldSpec spec =
        path_field("records", "Path to the list of records; empty: the body is the list.");
    spec.check = [](const std::string& text) -> std::optional<std::string> {
        if (auto wrong = JsonPath::problem(text)) {
            return wrong;
        }
        if (JsonPath::parse(text).counts_from_end()) {
            return "cannot count from the end ([-1]): name the list's place from the start";
        }
        return std::nullopt;
    };
    return spec;
}

FieldSpec max_pages_field() {
    FieldSpec spec{"max_pages", FieldType::integer, "A guard against endless paging.", "100000"};
    spec.moves_position = false;
    return spec;
}

FieldTable page_size_fields() {
    return {{"limit", FieldType::integer, "Records asked for per page.", "100"},
            {"limit_param", FieldType::text, "The page size parameter; \"\" sends none.", "limit"}};
}

FieldSpec concurrency_field() {
    FieldSpec spec{"concurrency", FieldType::integer,
                   "How many pages are fetched at once after the first, once a total tells what is "
                   "left. Pages are still written and checkpointed in order.",
                   "1"};
    spec.maximum = 32;
    spec.moves_position = false;
    return spec;
}

void check_planning(const FieldValues& values, YamlMap& map) {
    if (values.integer("concurrency") > 1 && values.text("total").empty() &&
        values.text("total_pages").empty() && values.text("total_header").empty() &&
        values.text("total_pages_header").empty()) {
        map.problem("concurrency",
                    "needs 'total' (or 'total_pages' for page paging): without a "
                    "total there is no knowing which pages are left");
    }
}

PagingKind::Check refuse_planning(const std::string& kind) {
    return [kind](const FieldValues& values, YamlMap& map) {
        if (values.integer("concurrency") > 1) {
            map.problem("concurrency", "works with offset and page paging only: " + kind +
                                           " paging learns each request from the page before");
        }
    };
}

void add_more_flag(FieldTable& fields) {
    for (auto& field : more_flag_fields()) {
        fields.push_back(std::move(field));
    }
}

PagingKind::Check with_more_flag(PagingKind::Check check) {
    return [check = std::move(check)](const FieldValues& values, YamlMap& map) {
        check(values, map);
        check_more_flag(values, map);
    };
}

std::optional<std::int64_t> header_count(const HeaderList& headers, const std::string& name) {
    if (name.empty()) {
        return std::nullopt;
    }
    for (const auto& [header, value] : headers) {
        if (Poco::icompare(header, name) == 0) {
            return count_text(value);
        }
    }
    return std::nullopt;
}

FieldSpec header_field(std::string name, std::string description) {
    FieldSpec spec{std::move(name), FieldType::text, std::move(description), ""};
    spec.moves_position = false;
    return spec;
}

std::optional<JsonPath> optional_path(const PagingSpec& spec, const std::string& name) {
    const std::string& text = spec.fields.text(name);
    return text.empty() ? std::nullopt : std::optional<JsonPath>(JsonPath::parse(text));
}

Paginator::Paginator(std::int64_t max_pages, const FieldValues& fields)
    : m_guard(max_pages), m_more(fields) {
    if (!fields.text("limit_param").empty()) {
        m_full_page = static_cast<std::size_t>(fields.integer("limit"));
    }
}

void Paginator::check_full_first_page(const Page& page, bool first, const JsonPath& path,
                                      bool matched) const {
    if (!first || matched || !m_full_page || page.record_count != *m_full_page) {
        return;
    }
    std::string why = "is full (" + std::to_string(page.record_count) +
                      " records) but has nothing at '" + path.text() +
                      "', so where the next page is cannot be told";
    simdjson::dom::object object;
    JsonValue whole_key;
    if (path.steps().size() > 1 && page.body.get(object) == simdjson::SUCCESS &&
        object.at_key(path.text()).get(whole_key) == simdjson::SUCCESS) {
        fail_partial(page, why + ". The page has a key '" + path.text() +
                               "': a key with dots goes in brackets and quotes, [\"" + path.text() +
                               "\"]");
    }
    fail_partial(page, why +
                           ". Check the path; if the endpoint can end on a full "
                           "page, set paging.has_more or paging.last_page");
}

void Paginator::fail_partial(const Page& page, const std::string& why) const {
    throw Error(ErrorKind::bad_data, "page " + std::to_string(m_guard.pages()) + " of " +
                                         Poco::URI(page.url).getPath() + " " + why +
                                         "; stopped rather than end with part of the records");
}

std::int64_t max_pages(const PagingSpec& spec) {
    return spec.fields.integer_if("max_pages").value_or(100000);
}

std::vector<PageRequest> Paginator::ahead(std::size_t) {
    auto request = next();
    return request ? std::vector<PageRequest>{*request} : std::vector<PageRequest>{};
}

void PageGuard::before_request() const {
    if (m_pages >= m_max_pages) {
        throw Error(ErrorKind::bad_data, "stopped after " + std::to_string(m_pages) +
                                             " pages (paging.max_pages); the endpoint may loop");
    }
}

void PageGuard::first_visit(const std::string& position, const char* what) {
    if (!m_seen.insert(position).second) {
        throw Error(ErrorKind::bad_data, std::string("the provider sent the same ") + what +
                                             " twice ('" + position +
                                             "'); stopped to avoid a loop");
    }
    m_recent.push_back(position);
    if (m_recent.size() > k_recent_kept) {
        m_recent.pop_front();
    }
}

void PageGuard::saw_total(std::optional<std::int64_t> total) {
    if (!total) {
        return;
    }
    if (!m_totals.first) {
        m_totals.first = total;
    }
    m_totals.last = total;
}

void PageGuard::save(Poco::JSON::Object& position) const {
    position.set("pages", m_pages);
    if (!m_recent.empty()) {
        Poco::JSON::Array::Ptr recent = new Poco::JSON::Array;
        for (const auto& seen : m_recent) {
            recent->add(seen);
        }
        position.set("recent", recent);
    }
    save_optional<std::int64_t>(position, "first_total", m_totals.first);
    save_optional<std::int64_t>(position, "last_total", m_totals.last);
}

void PageGuard::restore(const Poco::JSON::Object& position) {
    m_pages = position.getValue<Poco::Int64>("pages");
    m_totals.first = restore_optional<Poco::Int64>(position, "first_total");
    m_totals.last = restore_optional<Poco::Int64>(position, "last_total");
    if (const auto recent = position.getArray("recent")) {
        for (std::size_t i = 0; i < recent->size(); ++i) {
            m_recent.push_back(recent->getElement<std::string>(i));
            m_seen.insert(m_recent.back());
        }
    }
}

std::string Paginator::save() const {
    Poco::JSON::Object position;
    m_guard.save(position);
    save_position(position);
    std::ostringstream text;
    position.stringify(text);
    return text.str();
}

void Paginator::restore(const std::string& saved) {
    try {
        Poco::JSON::Parser parser;
        const auto position = parser.parse(saved).extract<Poco::JSON::Object::Ptr>();
        m_guard.restore(*position);
        restore_position(*position);
    } catch (const Poco::Exception& error) {
        throw Error(ErrorKind::config,
                    "the checkpoint's paging position is unreadable: " + error.displayText());
    } catch (const std::exception& error) {
        throw Error(ErrorKind::config,
                    std::string("the checkpoint's paging position is unreadable: ") + error.what());
    }
}

PageParams size_param(const PagingSpec& spec) {
    const std::string& name = spec.fields.text("limit_param");
    if (name.empty()) {
        return {};
    }
    return {{name, std::to_string(spec.fields.integer("limit")), true}};
}

FieldSpec inject_field() {
    FieldSpec spec{"inject", FieldType::choice,
                   "Where the paging values (page size, offset, page, cursor) go: the query, the "
                   "request's JSON body (top level; counts as numbers) or headers. A value that "
                   "request.path names in braces ({page}) goes in the path instead.",
                   "query"};
    spec.choices = {"query", "body", "header"};
    spec.moves_position = false;
    return spec;
}

Inject inject_named(const std::string& where) {
    return where == "body" ? Inject::body : where == "header" ? Inject::header : Inject::query;
}

Inject inject_of(const PagingSpec& spec) { return inject_named(spec.fields.text("inject")); }

}  // namespace apirunner
