#!/usr/bin/env python3
"""tests/robust/devset.py — score the parser on a development set of real
portal pages that are NOT in the repository (third-party text).

Usage: tests/robust/devset.py [TINSH ...]
  TINSH    one or more binaries to score side by side (default: $TINSH,
           else ./build/tinsh); e.g. main's build and this one
  DEVSET   folder with pages/NNN.txt and labels.tsv (default /work/devset);
           exits 77 (skip) when absent

labels.tsv: a header line, then file<TAB>title<TAB>date<TAB>time[<TAB>...]
with an empty title for "no headline on this page" (the parser must give
null), date YYYY-MM-DD or empty (no publication date on the page), time
HH:MM or empty. Prints, per binary: title accuracy (exact match after
trimming, null counted right only when the label is empty), dates found
and correct among the dated pages, dates invented on undated pages, and
times correct among the pages with a time.
"""
import json
import os
import subprocess
import sys


def load(devset):
    rows = []
    with open(os.path.join(devset, "labels.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            c = line.rstrip("\n").split("\t")
            c += [""] * (4 - len(c))
            rows.append((c[0], c[1].strip(), c[2].strip(), c[3].strip()))
    return rows


def parse(tinsh, paths):
    out = subprocess.run([tinsh, "parse", "--no-facts"] + paths,
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        out = subprocess.run([tinsh, "parse"] + paths, capture_output=True,
                             text=True)
    docs = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
    return {os.path.basename(d["path"]): d for d in docs}


def score(tinsh, devset, rows, verbose):
    docs = parse(tinsh, [os.path.join(devset, "pages", r[0]) for r in rows])
    t_ok = d_found = d_ok = d_dated = d_invented = tm_ok = tm_n = 0
    misses = []
    for f, title, date, time in rows:
        d = docs.get(f, {})
        got_t = (d.get("title") or "").strip()
        pub = d.get("published") or ""
        if got_t == title:
            t_ok += 1
        else:
            misses.append("%s title: got %r want %r" % (f, got_t, title))
        if date:
            d_dated += 1
            d_found += bool(pub)
            d_ok += pub[:10] == date
            if pub[:10] != date:
                misses.append("%s date: got %r want %r" % (f, pub, date))
        elif pub:
            d_invented += 1
            misses.append("%s date: got %r want none" % (f, pub))
        if time:
            tm_n += 1
            tm_ok += pub[11:16] == time
    n = len(rows)
    print("%s: %d pages" % (tinsh, n))
    print("  title correct   %3d/%d (%.0f %%)" % (t_ok, n, 100.0 * t_ok / n))
    print("  date found      %3d/%d, correct %d/%d; invented on %d undated"
          % (d_found, d_dated, d_ok, d_dated, d_invented))
    print("  time correct    %3d/%d" % (tm_ok, tm_n))
    if verbose:
        for m in misses:
            print("    " + m)


def main():
    devset = os.environ.get("DEVSET", "/work/devset")
    if not os.path.exists(os.path.join(devset, "labels.tsv")):
        print("devset: no %s/labels.tsv (skipped)" % devset)
        return 77
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv[1:]
    bins = args or [os.environ.get("TINSH", "build/tinsh")]
    rows = load(devset)
    for b in bins:
        score(b, devset, rows, verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
