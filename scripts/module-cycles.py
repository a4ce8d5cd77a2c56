#!/usr/bin/env python3
"""Lists the import cycles between the core's modules and the imports that go up a layer.

Reads `crate::…` paths in crates/ledger/src (comments and test modules left out) and reports every
group of modules that import each other in a circle, and every import from a lower layer to a
higher one (ARCHITECTURE.md, "Layers"). Exits 1 when it finds either, so a script or CI can run it:
    python3 scripts/module-cycles.py
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "ledger", "src")
# Lowest first; a module may import its own layer or a lower one.
LAYERS = [
    ("error", "progress", "domain"),
    ("store",),
    ("tables",),
    ("reports", "export", "import"),
    ("demo", "app"),
]


def layer_of(module):
    top = module.split("::")[0]
    for i, names in enumerate(LAYERS):
        if top in names:
            return i
    return None


def modules():
    found = {}
    for root, _, files in os.walk(ROOT):
        for f in files:
            if not f.endswith(".rs"):
                continue
            path = os.path.join(root, f)
            rel = os.path.relpath(path, ROOT)[:-3]
            name = rel.replace(os.sep, "::").removesuffix("::mod")
            if name in ("lib", "bindings", "contract", "testing") or name.endswith("tests"):
                continue
            src = open(path, encoding="utf-8").read()
            cut = src.find("#[cfg(test)]\nmod tests")
            if cut >= 0:
                src = src[:cut]
            code = "\n".join(l for l in src.splitlines() if not l.lstrip().startswith("//"))
            found[name] = {m.group(1) for m in re.finditer(r"crate::((?:[a-z_]+::)*[a-z_]+)", code)}
    return found


def main():
    found = modules()
    names = set(found)

    def resolve(path):
        parts = path.split("::")
        for n in range(len(parts), 0, -1):
            cand = "::".join(parts[:n])
            if cand in names:
                return cand
        return None

    graph = {}
    for m, paths in found.items():
        deps = {resolve(p) for p in paths} - {None, m}
        graph[m] = {d for d in deps if not m.startswith(d + "::") and not d.startswith(m + "::")}

    # Strongly connected components (Tarjan): every one with more than one module is a cycle.
    index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    upward = sorted(
        (m, d)
        for m, deps in graph.items()
        for d in deps
        if layer_of(m) is not None and layer_of(d) is not None and layer_of(d) > layer_of(m)
    )
    for comp in sccs:
        print("cycle: " + " <-> ".join(comp))
    for m, d in upward:
        print(f"upward: {m} imports {d}")
    if not sccs and not upward:
        print(f"{len(graph)} modules: no import cycle, no import up a layer")
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
