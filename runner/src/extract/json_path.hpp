// Dot paths into a JSON page ("meta.total_count"), as the jobs file names them.
#pragma once

#include <Poco/Dynamic/Var.h>

#include <cstdint>
#include <optional>
#include <string>

namespace apirunner {

// The value at `path` ("" is the root itself), or an empty Var when any step is missing.
Poco::Dynamic::Var find_path(const Poco::Dynamic::Var& root, const std::string& path);

// A count: an integer, or a string holding one ("250"). Nothing when absent, null or not a
// non-negative whole number.
std::optional<std::int64_t> as_count(const Poco::Dynamic::Var& value);

}  // namespace apirunner
