#!/usr/bin/python3
"""Prints which folders of runner/src include which, and fails on a cycle between folders.

The folders are the host's layers (README, "A tour of the tree"); a cycle means two of them can
no longer be read, tested or replaced one without the other. Usage: scripts/folder_deps.py [SRC]
"""
import collections
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([A-Za-z0-9_]+)/[^"]+"', re.MULTILINE)


def folder_graph(src):
    """{folder: {folder it includes: [files that include it]}}"""
    graph = collections.defaultdict(lambda: collections.defaultdict(list))
    for path in sorted(src.rglob("*")):
        if path.suffix not in (".cpp", ".hpp") or len(path.relative_to(src).parts) < 2:
            continue
        folder = path.relative_to(src).parts[0]
        graph[folder]  # a folder that includes nothing is still a node
        for target in INCLUDE.findall(path.read_text()):
            if target != folder and (src / target).is_dir():
                graph[folder][target].append(str(path.relative_to(src)))
    return graph


def cycles(graph):
    """The strongly connected components of more than one folder (Tarjan)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, {}):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def main():
    src = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent.parent / "runner/src")
    graph = folder_graph(src)
    for folder in sorted(graph):
        print(f"{folder:10} -> {' '.join(sorted(graph[folder])) or '(nothing)'}")
    found = cycles(graph)
    for component in found:
        print(f"cycle between folders: {' '.join(component)}", file=sys.stderr)
        for folder in component:
            for target, files in sorted(graph[folder].items()):
                if target in component:
                    print(f"  {folder} -> {target}: {', '.join(sorted(set(files)))}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
