#!/usr/bin/env python3
"""tests/robust/devset.py — score the parser on a development set of real
portal pages that are NOT in the repository (third-party text).

Usage: tests/robust/devset.py [-v] [--from=NNN] [--to=NNN] [TINSH ...]
  -v       list every miss
  --from, --to  score only the pages numbered NNN..NNN (inclusive), e.g.
           --from=041 for the pages added after the rules were written
  TINSH    one or more binaries to score side by side (default: $TINSH,
           else ./build/tinsh); e.g. main's build and this one
  DEVSET   folder with pages/NNN.txt and labels.tsv (default /work/devset);
           exits 77 (skip) when absent

labels.tsv: a header line, then file<TAB>title<TAB>date<TAB>time[<TAB>...]
with an empty title for "no headline on this page" (the parser must give
null), date YYYY-MM-DD or empty (no publication date on the page), time
HH:MM or empty. Prints, per binary: title accuracy (exact match after
trimming, the label's surrounding quotes stripped as the title contract
strips them, null counted right only when the label is empty), dates found
and correct among the dated pages, dates invented on undated pages, and
times correct among the pages with a time.

Optional, when present in DEVSET:
  people.tsv   (an optional header) file<TAB>name<TAB>titles ("; " between
               titles): every person of every page. Prints people found
               (by name), found with all their titles (compared in lower
               case, "uỷ" = "ủy", a closing dot dropped), and people invented (found on a page
               but not labelled there).
  figures.tsv  file<TAB>value<TAB>unit or file<TAB>text<TAB>value<TAB>unit
               <TAB>kind (an optional header; # comments): every figure of
               the pages it names (only those pages are scored). Prints
               figures found (same value, same unit in lower case, counted
               per occurrence), figures given that are not labelled, and
               with kinds the share found of each kind.
"""
import collections
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


def load_tsv(devset, name):
    """Rows of DEVSET/name (None when absent); a first line whose first
    column names no page file is a header and skipped."""
    path = os.path.join(devset, name)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f
                if l.strip() and not l.startswith("#")]
    if rows and not rows[0][0].endswith(".txt"):
        rows = rows[1:]
    return rows


def parse(tinsh, paths, facts=False):
    out = subprocess.run([tinsh, "parse"] + ([] if facts else ["--no-facts"])
                         + paths, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        out = subprocess.run([tinsh, "parse"] + paths, capture_output=True,
                             text=True)
    docs = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
    return {os.path.basename(d["path"]): d for d in docs}


QUOTES = {'"': '"', "\u201c": "\u201d", "'": "'", "\u2018": "\u2019",
          "\u00ab": "\u00bb"}


def unquote(title):
    """The label as the title contract has it (docs/parser.md): surrounding
    quotes of one pair stripped when no quote of that pair is inside (the
    labels copy a headline as printed, quotes and all)."""
    if len(title) >= 2 and QUOTES.get(title[0]) == title[-1]:
        inner = title[1:-1]
        if title[0] not in inner and title[-1] not in inner:
            return inner.strip()
    return title


def score(tinsh, devset, rows, verbose):
    docs = parse(tinsh, [os.path.join(devset, "pages", r[0]) for r in rows])
    t_ok = d_found = d_ok = d_dated = d_invented = tm_ok = tm_n = 0
    misses = []
    for f, title, date, time in rows:
        d = docs.get(f, {})
        got_t = (d.get("title") or "").strip()
        pub = d.get("published") or ""
        if got_t == unquote(title):
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


def fold(t):
    """A title compared: lower case, "uỷ" = "ủy", spaces collapsed, an
    abbreviation's closing dot dropped ("PGS.TS." = "PGS.TS")."""
    return " ".join(t.lower().replace("uỷ", "ủy").split()).rstrip(".")


def score_people(docs, labels, verbose):
    want = {}
    for f, name, titles in [(r + ["", ""])[:3] for r in labels]:
        want.setdefault(f, {})[name] = {fold(t) for t in titles.split(";")
                                        if t.strip()}
    found = titled = invented = 0
    misses = []
    for f, d in docs.items():
        got = {p["name"]: {fold(t) for t in p.get("titles") or []}
               for p in d.get("people") or []}
        for name, titles in want.get(f, {}).items():
            if name not in got:
                misses.append("%s person: missing %s" % (f, name))
                continue
            found += 1
            if titles <= got[name]:
                titled += 1
            else:
                misses.append("%s person: %s titles %s, want %s"
                              % (f, name, sorted(got[name]), sorted(titles)))
        for name in got:
            if name not in want.get(f, {}):
                invented += 1
                misses.append("%s person: invented %s" % (f, name))
    n = sum(len(v) for v in want.values())
    print("  people found    %3d/%d, with all titles %d/%d; invented %d"
          % (found, n, titled, n, invented))
    if verbose:
        for m in misses:
            print("    " + m)


def figure_key(value, unit):
    return (round(float(value), 6), fold(unit))


def score_figures(docs, labels, verbose):
    """labels: file, value, unit or file, text, value, unit, kind rows.
    Occurrences are compared as multisets of (value, unit) per page."""
    want, kinds = {}, {}
    for r in labels:
        f, value, unit, kind = (r[0], r[1], r[2], "") if len(r) < 5 else \
            (r[0], r[2], r[3], r[4])
        k = figure_key(value, unit)
        want.setdefault(f, collections.Counter())[k] += 1
        kinds[(f, k)] = kind
    found = extra = 0
    by_kind = collections.Counter()
    by_kind_found = collections.Counter()
    misses = []
    for f, figs in want.items():
        got = collections.Counter(
            figure_key(x["value"], x.get("unit") or "")
            for x in docs.get(f, {}).get("figures") or []
            if x.get("value") is not None)
        for k, c in figs.items():
            hit = min(c, got[k])
            found += hit
            by_kind[kinds[(f, k)]] += c
            by_kind_found[kinds[(f, k)]] += hit
            if hit < c:
                misses.append("%s figure: missing %g %s" % (f, k[0], k[1]))
        for k, c in got.items():
            if c > figs[k]:
                extra += c - figs[k]
                misses.append("%s figure: extra %g %s" % (f, k[0], k[1]))
    n = sum(sum(v.values()) for v in want.values())
    print("  figures found   %3d/%d; not labelled %d (on %d pages)"
          % (found, n, extra, len(want)))
    if len(by_kind) > 1:
        print("    by kind: " + ", ".join(
            "%s %d/%d" % (k or "?", by_kind_found[k], c)
            for k, c in sorted(by_kind.items())))
    if verbose:
        for m in misses:
            print("    " + m)


def score_facts(tinsh, devset, rows, verbose):
    people = load_tsv(devset, "people.tsv")
    figures = load_tsv(devset, "figures.tsv")
    if people is None and figures is None:
        return
    docs = parse(tinsh, [os.path.join(devset, "pages", r[0]) for r in rows],
                 facts=True)
    names = {r[0] for r in rows}
    if people is not None:
        score_people(docs, [r for r in people if r[0] in names], verbose)
    if figures is not None:
        score_figures(docs, [r for r in figures if r[0] in names], verbose)


def main():
    devset = os.environ.get("DEVSET", "/work/devset")
    if not os.path.exists(os.path.join(devset, "labels.tsv")):
        print("devset: no %s/labels.tsv (skipped)" % devset)
        return 77
    opts = {a.split("=")[0]: a.split("=", 1)[-1] for a in sys.argv[1:]
            if a.startswith("-")}
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    verbose = "-v" in opts
    bins = args or [os.environ.get("TINSH", "build/tinsh")]
    lo, hi = opts.get("--from", ""), opts.get("--to", "")
    rows = [r for r in load(devset)
            if (not lo or r[0][:3] >= lo.zfill(3))
            and (not hi or r[0][:3] <= hi.zfill(3))]
    for b in bins:
        score(b, devset, rows, verbose)
        score_facts(b, devset, rows, verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
