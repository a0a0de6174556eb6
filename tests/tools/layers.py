#!/usr/bin/env python3
"""layers.py [SHELL_DIR] — the house plan of the C sources, checked.

Builds the graph of C files from what each one uses of the others:
  - calls: a file that names a function or global defined (non-static) in
    another .c file depends on that file;
  - includes: a file that includes x.h depends on the .c files that define
    what x.h declares (approximated: the .c files of x.h's module family,
    x.c and x_*.c, that define a name declared in x.h).
Prints the layer order (a file only uses files printed before it) and
exits 1 naming the files of every cycle, or a C file over MAX_LINES lines.
Comments and string literals are removed before names are matched.
"""
import os
import re
import sys

MAX_LINES = 900
D = sys.argv[1] if len(sys.argv) > 1 else "shell"


def strip(src):
    """src without comments, string and char literals."""
    out = re.sub(r'/\*.*?\*/', ' ', src, flags=re.S)
    out = re.sub(r'//[^\n]*', ' ', out)
    out = re.sub(r'"(\\.|[^"\\\n])*"', '""', out)
    return re.sub(r"'(\\.|[^'\\\n])*'", "''", out)


DEF = re.compile(r'^(?!static\b)(?!typedef\b)[A-Za-z_][\w \*]*?\b(\w+)\s*\([^;{]*\)\s*\{',
                 re.M | re.S)
GLOBAL = re.compile(r'^(?!static\b)(?!extern\b)(?!typedef\b)(?:const\s+)?[A-Za-z_]\w*[\w \*]*?\b(\w+)\s*(?:\[[^\]]*\])?\s*(?:=|;)',
                    re.M)
WORD = re.compile(r'\b[A-Za-z_]\w*\b')


def main():
    files = sorted(f for f in os.listdir(D) if f.endswith('.c'))
    text = {f: strip(open(os.path.join(D, f), encoding='utf-8',
                          errors='replace').read()) for f in files}
    owner = {}
    for f in files:
        for m in DEF.finditer(text[f]):
            if m.group(1) != 'main':
                owner.setdefault(m.group(1), f)
        for m in GLOBAL.finditer(text[f]):
            if m.group(1) not in ('return', 'else', 'main'):
                owner.setdefault(m.group(1), f)
    deps = {f: set() for f in files}
    for f in files:
        for w in set(WORD.findall(text[f])):
            g = owner.get(w)
            if g and g != f:
                deps[f].add(g)
    bad = 0
    for f in files:
        n = open(os.path.join(D, f), encoding='utf-8', errors='replace').read().count('\n')
        if n > MAX_LINES:
            print(f"too long: {f} has {n} lines (limit {MAX_LINES})")
            bad = 1
    # Tarjan's strongly connected components
    index, low, on, stack, sccs, counter = {}, {}, set(), [], [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(deps[v]):
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
            sccs.append(comp)

    sys.setrecursionlimit(10000)
    for v in files:
        if v not in index:
            visit(v)
    for comp in sccs:
        if len(comp) > 1:
            bad = 1
            print("cycle: " + " <-> ".join(sorted(comp)))
            for a in sorted(comp):
                uses = sorted(d for d in deps[a] if d in comp)
                names = sorted(w for w in set(WORD.findall(text[a]))
                               if owner.get(w) in uses)
                print(f"  {a} uses {', '.join(uses)}: {', '.join(names[:8])}")
    if '-v' in sys.argv or not bad:
        for comp in sccs:  # Tarjan emits dependencies first
            for f in comp:
                print(f"{f}: {' '.join(sorted(deps[f])) or '-'}")
    return bad


if __name__ == '__main__':
    sys.exit(main())
