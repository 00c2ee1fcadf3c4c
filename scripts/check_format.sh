#!/bin/sh
# Fails when a C++ file of the tree differs from .clang-format (Debian's clang-format 14); lists
# each one. `make format` rewrites them.
cd "$(dirname "$0")/.." || exit 2
command -v clang-format >/dev/null || { echo "clang-format is needed: apt-get install -y clang-format"; exit 2; }
drift=$(find runner plugins tests bench -name '*.cpp' -o -name '*.hpp' | sort | while read -r file; do
    clang-format --dry-run -Werror "$file" >/dev/null 2>&1 || echo "$file"
done)
[ -z "$drift" ] && { echo "every C++ file matches .clang-format"; exit 0; }
echo "these files differ from .clang-format (run make format):"
echo "$drift"
exit 1
