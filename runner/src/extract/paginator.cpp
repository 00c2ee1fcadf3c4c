#include "extract/paginator.hpp"

#include "extract/cursor_paginator.hpp"
#include "extract/next_url_paginator.hpp"
#include "extract/offset_paginator.hpp"
#include "extract/page_paginator.hpp"

#include <apirunner/error.hpp>

#include <Poco/JSON/Parser.h>

#include <sstream>

namespace apirunner {
namespace {

// One request, no paging.
class SinglePage : public Paginator {
public:
    SinglePage() : Paginator(1) {}
    std::optional<PageRequest> next() override {
        return m_done ? std::nullopt : std::optional<PageRequest>(PageRequest{});
    }
    void accept(const Page&) override { m_done = true; }

protected:
    void save_position(Poco::JSON::Object& position) const override { position.set("done", m_done); }
    void restore_position(const Poco::JSON::Object& position) override {
        m_done = position.getValue<bool>("done");
    }

private:
    bool m_done = false;
};

}  // namespace

std::unique_ptr<Paginator> make_paginator(const PagingSpec& spec) {
    if (spec.type == "offset") {
        return std::make_unique<OffsetPaginator>(spec);
    }
    if (spec.type == "page") {
        return std::make_unique<PagePaginator>(spec);
    }
    if (spec.type == "cursor") {
        return std::make_unique<CursorPaginator>(spec);
    }
    if (spec.type == "next_url") {
        return std::make_unique<NextUrlPaginator>(spec);
    }
    return std::make_unique<SinglePage>();
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
                                             " twice ('" + position + "'); stopped to avoid a loop");
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
    save_optional<std::int64_t>(position, "first_total", m_totals.first);
    save_optional<std::int64_t>(position, "last_total", m_totals.last);
}

void PageGuard::restore(const Poco::JSON::Object& position) {
    m_pages = position.getValue<Poco::Int64>("pages");
    m_totals.first = restore_optional<Poco::Int64>(position, "first_total");
    m_totals.last = restore_optional<Poco::Int64>(position, "last_total");
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
        throw Error(ErrorKind::config, "the checkpoint's paging position is unreadable: " + error.displayText());
    } catch (const std::exception& error) {
        throw Error(ErrorKind::config, std::string("the checkpoint's paging position is unreadable: ") + error.what());
    }
}

QueryParams size_param(const PagingSpec& spec) {
    if (spec.limit_param.empty()) {
        return {};
    }
    return {{spec.limit_param, std::to_string(spec.limit)}};
}

}  // namespace apirunner
