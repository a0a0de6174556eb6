#!/usr/bin/env python3
"""build_forms.py — the index's dominant word forms (data/words/forms.tsv).

The full-text index writes one token for a syllable or a word written in
the most frequent accented form of its unaccented spelling, and two (the
form and a marker of the spelling) for any other form (docs/schema.md,
"fts"). This script picks those dominant forms from the counts of the
word lexicon, data/words/words.txt and data/words/domain.txt (a word in
both keeps the higher count, as the segmenter does):

  - every entry is folded as tinsh folds a token: lower case, every
    combining mark dropped (NFD), đ -> d, syllables joined by "_";
  - the form with the highest count is the fold's dominant form (a tie
    goes to the form whose UTF-8 bytes sort first);
  - a fold is kept when that form is accented and holds at least
    MIN_SHARE of the fold's count ("việt" of "viet", "quảng_ninh" of
    "quang_ninh"); a fold left out ("dang": đang, đảng, đáng, dạng ...;
    "ninh", "covid") is indexed with both forms of every token, as before
    the table. An unaccented query word of a kept fold reads two token
    lists (its dominant form and its marker, FTS5 synonyms); MIN_SHARE
    keeps the second list short, so that costs little, and leaves the
    folds whose forms are spread out (where it would cost most) on one
    list.

Output: comment lines, then "fold<TAB>form" sorted by the fold's bytes,
which tinsh searches by halving (fts_forms.c). The file is part of the
index's format: a database made with it keeps using it, so it is not
rebuilt when the lexicon changes (a new table needs a new tokenizer
argument, "forms2", and a re-index; tests/c/test_fts_forms.c checks the
file against the hash tinsh is built with).

    python3 scripts/build_forms.py [--out FILE]
"""
import collections, os, sys, unicodedata

MIN_SHARE = 0.9
HERE = os.path.dirname(os.path.abspath(__file__))
WORDS = os.path.join(HERE, "..", "data", "words")


def fold(s):
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", s).replace(" ", "_")


def counts():
    cnt = {}
    for name in ("words.txt", "domain.txt"):
        for line in open(os.path.join(WORDS, name), encoding="utf-8"):
            if line.startswith("#") or "\t" not in line:
                continue
            w, c = line.rstrip("\n").split("\t")
            if w != "total":
                cnt[w] = max(cnt.get(w, 0), int(c))
    return cnt


def main():
    out = os.path.join(WORDS, "forms.tsv")
    if "--out" in sys.argv:
        out = sys.argv[sys.argv.index("--out") + 1]
    groups = collections.defaultdict(list)
    for w, c in counts().items():
        groups[fold(w)].append((-c, w.replace(" ", "_").encode(), w))
    rows = []
    for f, forms in groups.items():
        forms.sort()
        d = forms[0][2].replace(" ", "_")
        share = -forms[0][0] / sum(-c for c, _, _ in forms)
        if d != f and share >= MIN_SHARE:
            rows.append((f.encode(), d))
    rows.sort()
    with open(out, "w", encoding="utf-8") as fp:
        fp.write("# tinsh index forms: fold<TAB>dominant form, sorted by the fold's bytes.\n")
        fp.write("# Made by scripts/build_forms.py from data/words/words.txt and domain.txt;\n")
        fp.write("# part of the index format (tokenizer argument forms1): never edit.\n")
        for f, d in rows:
            fp.write("%s\t%s\n" % (f.decode(), d))
    print("%s: %d folds" % (out, len(rows)))


if __name__ == "__main__":
    main()
