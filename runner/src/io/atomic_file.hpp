// A whole file written so that no reader ever sees half of it: into PATH.tmp, then renamed.
#pragma once

#include <string>

namespace apirunner {

// Throws Error(config) naming the path and `what` the file is ("the metrics file").
void write_file_atomically(const std::string& path, const std::string& text,
                           const std::string& what);

}  // namespace apirunner
