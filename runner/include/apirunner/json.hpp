// JSON helpers for plugins, which do not link a JSON library of their own.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace apirunner {

// The top-level scalar members of a JSON object as text (true/false, numbers, strings), in
// order; nested values and nulls are left out, and so are members whose names say they hold a
// token or secret. Throws Error(bad_data) when the text is not a JSON object.
std::vector<std::pair<std::string, std::string>> json_scalars(const std::string& text);

}  // namespace apirunner
