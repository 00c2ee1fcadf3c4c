// A paging kind (`paging.type`): its settings table, the checks between settings its table cannot
// state, and the paginator it makes. Each kind lives in its own files and is registered by one
// line in paging/paging_registry.cpp; the loader, the job fingerprint and the generated part of
// schemas/jobs.schema.json all ask the registry, so nothing else lists the kinds.
#pragma once

#include "settings/field_table.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace apirunner {

class Paginator;
struct PagingSpec;

struct PagingKind {
    std::string name;
    std::string description;
    FieldTable fields;  // every setting besides `type`
    // Problems between settings, reported through `map` with their paths; may be empty.
    using Check = std::function<void(const FieldValues& values, YamlMap& map)>;
    Check check;
    std::function<std::unique_ptr<Paginator>(const PagingSpec& spec)> make;
};

// A job's `paging:` as the loader read it.
struct PagingSpec {
    const PagingKind* kind = nullptr;  // from the registry; null means one request, no paging
    FieldValues fields;                // the kind's settings, typed, defaults filled in

    // The dot path to the record array; "" means the body is the array.
    const std::string& records() const { return fields.text("records"); }
    // How many page requests may be on their way at once (1 for kinds that plan nothing ahead).
    std::int64_t concurrency() const { return fields.integer_if("concurrency").value_or(1); }
};

// The registry: every kind, in the order the schema and messages list them.
const std::vector<PagingKind>& paging_kinds();
const PagingKind* find_paging_kind(const std::string& name);
std::vector<std::string> paging_kind_names();

// A spec of the named kind holding its defaults (std::logic_error for a name not registered).
PagingSpec paging_spec(const std::string& kind);

}  // namespace apirunner
