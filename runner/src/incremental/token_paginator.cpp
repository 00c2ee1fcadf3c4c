#include "incremental/token_paginator.hpp"

#include <apirunner/error.hpp>

#include <Poco/JSON/Parser.h>

namespace apirunner {

TokenPaginator::TokenPaginator(const PagingSpec& paging, const IncrementalSpec& spec,
                               const std::optional<std::string>& start, PageParams first)
    : Paginator(1, paging.fields),
      m_token_path(JsonPath::parse(spec.token)),
      m_first(std::move(first)),
      m_inner(make_paginator(paging)) {
    if (start && !m_inner->start_from(*start)) {
        throw Error(ErrorKind::config,
                    "paging type " + (paging.kind ? paging.kind->name : std::string("(none)")) +
                        " cannot start from a token: set incremental.token_param");
    }
    m_walked = start.has_value();
}

std::optional<PageRequest> TokenPaginator::next() {
    auto request = m_inner->next();
    if (request && !m_walked && !request->url) {
        request->params.insert(request->params.end(), m_first.begin(), m_first.end());
    }
    return request;
}

void TokenPaginator::accept(const Page& page) {
    m_inner->accept(page);
    m_walked = true;
    m_token = position_text(find_path(page.body, m_token_path));
}

void TokenPaginator::save_position(Poco::JSON::Object& position) const {
    save_optional(position, "token", m_token);
    position.set("walked", m_walked);
    position.set("walk", m_inner->save());
}

void TokenPaginator::restore_position(const Poco::JSON::Object& position) {
    m_token = restore_optional<std::string>(position, "token");
    m_walked = position.getValue<bool>("walked");
    m_inner->restore(position.getValue<std::string>("walk"));
}

std::optional<std::string> TokenPaginator::token_in(const std::string& saved) {
    try {
        const auto position = Poco::JSON::Parser().parse(saved).extract<Poco::JSON::Object::Ptr>();
        return restore_optional<std::string>(*position, "token");
    } catch (const Poco::Exception&) {
        return std::nullopt;
    }
}

}  // namespace apirunner
