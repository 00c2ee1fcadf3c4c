#include "incremental/token_paginator.hpp"

#include <apirunner/error.hpp>

#include "paging/next_url_paginator.hpp"

#include <Poco/JSON/Parser.h>

#include <algorithm>

namespace apirunner {

TokenPaginator::TokenPaginator(const PagingSpec& paging, const IncrementalSpec& spec,
                               const std::optional<std::string>& start, PageParams first)
    : Paginator(1, paging.fields),
      m_token_path(JsonPath::parse(spec.token)),
      m_first(std::move(first)),
      m_inner(make_paginator(paging)),
      m_starts_at_url(spec.token_param.empty() &&
                      dynamic_cast<NextUrlPaginator*>(m_inner.get()) != nullptr) {
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

std::vector<PageRequest> TokenPaginator::ahead(std::size_t n) {
    return m_walked ? m_inner->ahead(n) : Paginator::ahead(n);
}

void TokenPaginator::accept(const Page& page) {
    m_inner->accept(page);
    m_walked = true;
    m_token = position_text(find_path(page.body, m_token_path));
    if (!m_token) {
        return;
    }
    // Refused in the run that got it, not stored to fail every run after: a token that would
    // not survive the state database and the logs whole, or a URL to start from that is not one.
    const bool control = std::any_of(m_token->begin(), m_token->end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    });
    if (control || m_token->size() > k_longest_token) {
        throw Error(ErrorKind::bad_data,
                    "the page's " + m_token_path.text() + " is no usable bookmark (" +
                        (control ? std::string("it holds a control character")
                                 : std::to_string(m_token->size()) + " bytes, more than " +
                                       std::to_string(k_longest_token)) +
                        ")");
    }
    if (m_starts_at_url) {
        m_token = url_on_page_origin(page.url, *m_token);
    }
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
