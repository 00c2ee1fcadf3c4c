// Deterministic records: the same index gives the same record on every run, so tests can check
// that each arrived exactly once.
#pragma once

#include <Poco/JSON/Object.h>

#include <cstdint>

namespace sandbox {

// MediaMath-shaped organization number `index` (id 100000 + index).
Poco::JSON::Object::Ptr organization(std::int64_t index);

}  // namespace sandbox
