// What a finished walk says about its own completeness: the total the provider announced at
// the start and at the end, the records that arrived, and the primary keys that came twice.
// The job's on_drift decides whether a doubt is a warning or a failure.
#pragma once

#include "paging/paginator.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace apirunner {

struct AuditFacts {
    std::int64_t records = 0;
    Totals totals;
    std::optional<std::int64_t> distinct_keys;  // when an output could count them
};

// One line per doubt; empty when the run looks whole.
std::vector<std::string> audit_run(const AuditFacts& facts);

}  // namespace apirunner
