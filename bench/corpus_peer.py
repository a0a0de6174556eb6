#!/usr/bin/env python3
"""bench/corpus_peer.py — the Python side of bench/corpus.sh.

  corpus_peer.py docs DB RUNS        iterate all documents reading title
                                     and date with the sqlite3 module;
                                     prints one "seconds docs" line per run
  corpus_peer.py kwic DATA_DIR RUNS  NLTK Text.concordance_list of
                                     "phát triển" over the raw files; prints
                                     "build_seconds query_seconds lines"
                                     per run: the index built once, then
                                     the median of five queries

The index build and the query are timed apart. Before the queries the
heap is collected and frozen (gc.freeze()): the millions of token strings
NLTK holds would otherwise make Python's cyclic collector run inside the
measured query (unfrozen the same query swings 0.15-2.2 s), and a peer
timed with its garbage-collection pauses is no peer.
"""
import gc
import os
import sqlite3
import statistics
import sys
import time
import unicodedata


def docs(db, runs):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    for _ in range(runs):
        t = time.perf_counter()
        n = 0
        for title, published in con.execute(
                "SELECT title, published FROM documents ORDER BY id"):
            n += 1
        print("%.6f %d" % (time.perf_counter() - t, n), flush=True)


def kwic(data, runs):
    import nltk
    from nltk.tokenize import wordpunct_tokenize
    for _ in range(runs):
        t = time.perf_counter()
        tokens = []
        for name in sorted(os.listdir(data)):
            with open(os.path.join(data, name), encoding="utf-8",
                      errors="replace") as f:
                tokens.extend(wordpunct_tokenize(
                    unicodedata.normalize("NFC", f.read())))
        text = nltk.Text(tokens)
        text.concordance_list("x", width=100, lines=1)  # builds the index
        built = time.perf_counter() - t
        gc.collect()
        gc.freeze()
        times, cpu = [], []
        for _ in range(5):
            t, c = time.perf_counter(), time.process_time()
            lines = text.concordance_list(["phát", "triển"], width=100,
                                          lines=10 ** 9)
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        query = statistics.median(times)
        print("%.6f %.6f %d %.6f" % (built, query, len(lines),
                                     statistics.median(cpu)), flush=True)
        del text, tokens, lines
        gc.unfreeze()
        gc.collect()


if __name__ == "__main__":
    what, arg, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    {"docs": docs, "kwic": kwic}[what](arg, runs)
