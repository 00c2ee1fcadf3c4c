// What is wrong with a configuration, each problem with the path of the field it concerns:
// "jobs.mediamath-organizations.paging.limit: must be a positive integer".
#pragma once

#include <string>
#include <vector>

namespace apirunner {

struct ConfigProblem {
    std::string path;
    std::string message;

    std::string to_string() const { return path.empty() ? message : path + ": " + message; }
};

using ConfigProblems = std::vector<ConfigProblem>;

// The candidate closest to a mistyped name, or "" if none is close.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

// " (did you mean 'limit'?)" for the closest candidate, or "" if none is close.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace apirunner
