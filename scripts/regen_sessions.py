#!/usr/bin/env python3
"""scripts/regen_sessions.py — rewrite the REPL sessions shown in README.md
("An analysis in the REPL") and docs/tour.md with a real run.

Usage: python3 scripts/regen_sessions.py [TINSH]   (default: build/tinsh)

Each file's ``` blocks hold "> " input lines and their output. All input
lines of a file are fed, in order, to one `tinsh -i` session on the
bundled example corpus with COLUMNS=100 (state carries from block to
block, as in the text), and every block's output is replaced by what the
run printed for its lines. A block without "> " lines is left alone, and
so is a README block's "$ tinsh" line. tests/cli/readme_session.sh
checks that the README equals such a run; the tour is not checked (it
shows the checkout's paths and a saved query's time), so run this after
a change that moves its figures.
"""
import os
import re
import subprocess
import sys

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(tinsh, lines):
    """Transcript of one session: a list of (input, output lines)."""
    env = dict(os.environ, COLUMNS="100")
    os.makedirs("/tmp/tour", exist_ok=True)  # the tour's export folder
    out = subprocess.run([tinsh, "-i"], input="\n".join(lines) + "\n",
                         capture_output=True, text=True, env=env,
                         cwd=SRC).stdout.split("\n")
    # the banner, then "> line" echoes each followed by its output
    steps, idx = [], 0
    for ln in out[1:]:
        if idx < len(lines) and ln == "> " + lines[idx]:
            steps.append([])
            idx += 1
        elif steps:
            steps[-1].append(ln)
    while steps and steps[-1] and steps[-1][-1].strip() in ("", ">"):
        steps[-1].pop()  # the last prompt, with no input after it
    return steps


def regen(path, tinsh, section=None):
    text = open(path, encoding="utf-8").read()
    start, end = 0, len(text)
    if section:
        start = text.index(section)
        nxt = re.search(r"^## ", text[start + len(section):], re.M)
        end = start + len(section) + (nxt.start() if nxt else len(text))
    part = text[start:end]
    blocks = list(re.finditer(r"^```\n(.*?)^```$", part, re.M | re.S))
    inputs = []
    for b in blocks:
        inputs += [ln[2:] for ln in b.group(1).split("\n") if ln.startswith("> ")]
    if not inputs:
        return
    outs = run(tinsh, inputs)
    if len(outs) != len(inputs):
        sys.exit(f"{path}: the session ran {len(outs)} of {len(inputs)} lines")
    k, pieces, last = 0, [], 0
    for b in blocks:
        lines = b.group(1).split("\n")
        ins = [ln for ln in lines if ln.startswith("> ")]
        if not ins:
            continue
        body = [ln for ln in lines if ln.startswith("$ ")]
        for ln in ins:
            body.append(ln)
            body += outs[k]
            k += 1
        pieces.append(part[last:b.start(1)])
        pieces.append("\n".join(body) + "\n")
        last = b.end(1)
    pieces.append(part[last:])
    text = text[:start] + "".join(pieces) + text[end:]
    open(path, "w", encoding="utf-8").write(text)


def main():
    tinsh = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                            os.path.join(SRC, "build", "tinsh"))
    regen(os.path.join(SRC, "README.md"), tinsh, "## An analysis in the REPL")
    regen(os.path.join(SRC, "docs", "tour.md"), tinsh)


if __name__ == "__main__":
    main()
