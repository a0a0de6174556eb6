#!/usr/bin/env python3
"""score_words.py — score `tinsh segment` against the hand-segmented gold set.

Test plan: tests/gold/words/NAME.txt holds every distinct non-empty line of
examples/corpus/NAME.txt, segmented by hand (the team's labels: syllables of
a word joined by '_', conventions in docs/words.md). The script checks that
the gold files cover the seed articles exactly (each gold line, '_' read as
' ', is a line of its article, and each article line is in the gold), runs
`$TINSH segment` on the unsegmented lines, and compares word spans: a word
is a maximal run of letters/digits joined by '_'. It prints precision,
recall and F1 over all words and over multi-syllable words, and fails when
either F1 falls under its floor (set below the measured scores, so a
regression fails) or when the gold does not match the articles.

`score_words.py --gold FILE...` scores any other hand-segmented file (one
sentence a line, words joined by '_'; the unsegmented text is the line with
'_' read as ' ') without floors; `--errors` also prints each line where the
segmentation differs (gold, then tinsh).
"""
import os, re, subprocess, sys

FLOOR_ALL, FLOOR_MULTI = 0.90, 0.93  # measured 0.924, 0.951 when set
WORD = re.compile(r"\w+(?:_\w+)*")


def spans(line):
    """Set of (start, end, is_multi) for the words of a segmented line."""
    return {(m.start(), m.end(), "_" in m.group(0)) for m in WORD.finditer(line)}


def prf(tp, nsys, ngold):
    p = tp / nsys if nsys else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load(src):
    gold, bad = [], 0
    gdir = os.path.join(src, "tests", "gold", "words")
    for name in sorted(os.listdir(gdir)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(src, "examples", "corpus", name), encoding="utf-8") as f:
            art = {l for l in f.read().split("\n") if l.strip()}
        with open(os.path.join(gdir, name), encoding="utf-8") as f:
            lines = [l for l in f.read().split("\n") if l]
        raw = {l.replace("_", " ") for l in lines}
        for i, l in enumerate(lines, 1):
            if l.replace("_", " ") not in art:
                print("%s:%d: not a line of the article: %s" % (name, i, l[:60]))
                bad += 1
        for l in sorted(art - raw):
            print("%s: article line missing from the gold: %s" % (name, l[:60]))
            bad += 1
        gold += lines
    return gold, bad


def segment(tinsh, gold):
    """tinsh's segmentation of the gold lines read unsegmented, or None."""
    raw = "\n".join(l.replace("_", " ") for l in gold) + "\n"
    out = subprocess.run([tinsh, "segment"], input=raw.encode(), capture_output=True)
    sysl = out.stdout.decode("utf-8", "replace").split("\n")[:len(gold)]
    if out.returncode != 0 or len(sysl) != len(gold):
        print("tinsh segment failed: status %d" % out.returncode)
        return None
    return sysl


def tally(gold, sysl, errors=False):
    """Counts [true positives, system, gold] over all and multi-syllable words."""
    t = {"all": [0, 0, 0], "multi": [0, 0, 0]}
    for g, s in zip(gold, sysl):
        gs, ss = spans(g), spans(s)
        if errors and gs != ss:
            print("G: " + g + "\nS: " + s)
        for key, pick in (("all", lambda x: True), ("multi", lambda x: x[2])):
            gk = {x for x in gs if pick(x)}
            sk = {x for x in ss if pick(x)}
            t[key][0] += len(gk & sk)
            t[key][1] += len(sk)
            t[key][2] += len(gk)
    return t


def report(t, floors):
    fails = 0
    for key in ("all", "multi"):
        p, r, f = prf(*t[key])
        print("%-5s words: precision %.3f recall %.3f F1 %.3f (gold %d, system %d)"
              % (key, p, r, f, t[key][2], t[key][1]))
        if floors and f < floors[key]:
            print("F1 %.3f under the floor %.3f" % (f, floors[key]))
            fails += 1
    return fails


def main():
    src = os.environ.get("TINSH_SRC", os.path.join(os.path.dirname(__file__), "..", ".."))
    tinsh = os.environ.get("TINSH", os.path.join(src, "build", "tinsh"))
    args = sys.argv[1:]
    errors = "--errors" in args
    files = [a for a in args if not a.startswith("--")]
    if "--gold" in args:
        gold = []
        for name in files:
            with open(name, encoding="utf-8") as f:
                gold += [l for l in f.read().split("\n") if l.strip()]
        sysl = segment(tinsh, gold)
        if sysl is None:
            return 1
        report(tally(gold, sysl, errors), None)
        return 0
    gold, bad = load(src)
    sysl = segment(tinsh, gold)
    if sysl is None:
        return 1
    fails = bad + report(tally(gold, sysl, errors), {"all": FLOOR_ALL, "multi": FLOOR_MULTI})
    print("%d passed, %d failed" % (2 + len(gold) - fails, fails))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
