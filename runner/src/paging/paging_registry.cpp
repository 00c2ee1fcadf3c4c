// The paging kinds, one line each. A new kind: its files under paging/, its line here, its tests,
// and `tests/schema/check_schemas.py jobs --write` to regenerate its part of
// schemas/jobs.schema.json (README, "Adding a paging kind or a sink type").
#include "paging/cursor_paginator.hpp"
#include "paging/next_url_paginator.hpp"
#include "paging/offset_paginator.hpp"
#include "paging/page_paginator.hpp"
#include "paging/single_page.hpp"
#include "settings/named.hpp"

#include <stdexcept>

namespace apirunner {

const std::vector<PagingKind>& paging_kinds() {
    // One line a kind.
    // clang-format off
    static const std::vector<PagingKind> kinds = {
        offset_paging(),
        page_paging(),
        cursor_paging(),
        next_url_paging(),
        single_page_paging(),
    };
    // clang-format on
    return kinds;
}

const PagingKind* find_paging_kind(const std::string& name) {
    return find_named(paging_kinds(), name);
}

std::vector<std::string> paging_kind_names() { return names_of(paging_kinds()); }

PagingSpec paging_spec(const std::string& kind) {
    const PagingKind* found = find_paging_kind(kind);
    if (!found) {
        throw std::logic_error("no paging kind '" + kind + "' is registered");
    }
    return PagingSpec{found, default_fields(found->fields)};
}

}  // namespace apirunner
