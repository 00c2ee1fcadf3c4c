// Lookups in a registry of named pieces (paging kinds, sink types): anything with a `name`.
#pragma once

#include <string>
#include <vector>

namespace apirunner {

// The piece of that name, or null.
template <typename Piece>
const Piece* find_named(const std::vector<Piece>& pieces, const std::string& name) {
    for (const auto& piece : pieces) {
        if (piece.name == name) {
            return &piece;
        }
    }
    return nullptr;
}

// Their names, in registry order (for "must be one of ..." and the schema's enum).
template <typename Piece>
std::vector<std::string> names_of(const std::vector<Piece>& pieces) {
    std::vector<std::string> names;
    for (const auto& piece : pieces) {
        names.push_back(piece.name);
    }
    return names;
}

}  // namespace apirunner
