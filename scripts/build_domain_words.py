#!/usr/bin/env python3
"""build_domain_words.py — counts for data/words/domain.txt.

data/words/domain.txt is a list the tinsh team wrote by hand: words of
Vietnamese administration, the Party, mass organisations and social
policy that any dictionary has as one word ("chi bộ", "hội viên", "hợp
tác xã", "cựu chiến binh", "an sinh", "cộng tác viên", "khuyến nông"),
which scripts/build_words.py does not keep because their syllables are
common on their own: two frequent syllables give a pair a low
conditional probability (c(ab)/c(a) about 0.005 for "hội viên", under the
0.01 floor), and a three-syllable word needs both its pairs kept ("tác
viên" is none). Provincial Party news, tinsh's first corpus, writes them
in every article. The list goes on with common words of any news text
that are missed the same way ("hiện tại", "còn lại", "không gian",
"triệu tập", "bởi vậy", "hàng không"), also written by the team.

This script recounts each listed word in the same corpora and the same
way as build_words.py (letter runs, lower case, NFC, the new tone
spelling) and rewrites the file: its comment lines, then "word<TAB>count"
for every word seen at least MIN_COUNT times (the segmenter's lexicon
reads every data/words/*.txt; a word in two files keeps the higher
count). A listed word seen less often is kept with MIN_COUNT (the list is
the team's word that it is a word; the count only weighs it). Both tone
spellings of a word are written, as build_words.py does.

    python3 scripts/build_domain_words.py [CORPORA_DIR]

Without the corpora the script says so and leaves the file as it is.
"""
import collections, os, shutil, subprocess, sys, tempfile, unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_words as B  # noqa: E402

MIN_COUNT = 10


def read_list(path):
    """The comment lines and the words (first field) of path."""
    head, words = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#") or not line.strip():
                if not words:
                    head.append(line)
                continue
            w = unicodedata.normalize("NFC", line.split("\t")[0].strip().lower())
            key = " ".join(B.canon(s) for s in w.split(" "))
            if key not in words:
                words.append(key)
    return head, words


def count_words(paths, words):
    """Occurrences of each word (a list of syllables) in the letter runs."""
    want = collections.defaultdict(list)  # first syllable -> words
    for w in words:
        want[w.split(" ")[0]].append(w.split(" "))
    counts = collections.Counter()
    for p in paths:
        for run in B.runs_of(p):
            syl = [B.canon(s.lower()) for s in run]
            for i, s in enumerate(syl):
                for w in want.get(s, ()):
                    if syl[i:i + len(w)] == w:
                        counts[" ".join(w)] += 1
    return counts


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    corpora = argv[1] if len(argv) > 1 else os.path.join(here, "..", "..", "shared", "corpora")
    out = os.path.join(here, "..", "data", "words", "domain.txt")
    present = [a for a in B.ARCHIVES if os.path.exists(os.path.join(corpora, a))]
    if not present:
        print("build_domain_words: no corpora in %s; kept %s as it is" % (corpora, out))
        return 0
    head, words = read_list(out)
    scratch = tempfile.mkdtemp(prefix="tinsh-domain-")
    try:
        for a in present:
            subprocess.run(["tar", "-xJf", os.path.join(corpora, a), "-C", scratch], check=True)
        counts = count_words(list(B.files_under(scratch)), words)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(head) + "\n")
        for w in words:
            c = max(counts[w], MIN_COUNT)
            for s in B.spellings(w):
                f.write("%s\t%d\n" % (s, c))
    seen = sum(1 for w in words if counts[w] >= MIN_COUNT)
    print("build_domain_words: %d words (%d seen at least %d times) in %s"
          % (len(words), seen, MIN_COUNT, out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
