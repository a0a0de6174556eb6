/*
** test_xt_fold.c — xt_lookup's case folds kept per thread (xtok_lookup.c
** fold_tok) answer for a word's own bytes only, where the data's keys
** never show it: the folded tables of data/ hold no word of ten bytes or
** more, whose first nine bytes and length are all its token hash (the
** slot) holds.
** Plan: copy the .txt and .tsv files of data/ into a temporary folder,
** add to titles.txt (a folded table) keys of such long words, and compare
** xt_lookup with xt_lookup_ref (lexicon_fold every time) at every token
** of every table on random texts of those words, of words that differ
** from them only past their ninth byte (the same hash: the same slot), in
** either case, at the end of a sentence or not. Fails when a slot answers
** for a word that only begins as its word does.
** Skips (77) when data/ cannot be read (run from the source folder).
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "data_check.h"
#include "util.h"
#include "xtok.h"
#include "xtok_check.h"

static char dir[] = "/tmp/tinsh-fold-XXXXXX";

/* Long keys added to titles.txt: words of 10 to 16 bytes (and one of
** 20), ASCII and Vietnamese. */
static const char *const added[] = {"quanhuyenab",      "quanhuyenabcdefg",
                                    "trưởngbanxy",      "trưởngbanxyzw",
                                    "giám đốcđiềuhành", "abcdefghijklmnopqrst",
                                    "phóchủtịchhđnd x", "kiểmsátviên"};

/* Words that begin as the added ones do for their first nine bytes (or
** more) and have their length, but are no key. */
static const char *const others[] = {"quanhuyenzz",
                                     "quanhuyenabcdefh",
                                     "trưởngbanxz",
                                     "trưởngbanxyzq",
                                     "đốcđiềuhàny",
                                     "abcdefghijklmnopqrsu",
                                     "phóchủtịchhđnx",
                                     "kiểmsátviêm",
                                     "QUANHUYENAB",
                                     "Quanhuyenab",
                                     "QuanhuyenaB",
                                     "Trưởngbanxy",
                                     "và",
                                     "ông",
                                     "giám",
                                     "Giám",
                                     "x",
                                     "5"};

static long asked, found, bad;

/* The extra lines of data file name: the added keys for titles.txt. */
static const char *extra_for(const char *name) {
  static char extra[1024];
  if (strcmp(name, "titles.txt") != 0) return NULL;
  if (!*extra)
    for (size_t k = 0; k < sizeof added / sizeof *added; k++) {
      strcat(extra, added[k]);
      strcat(extra, "\n");
    }
  return extra;
}

/* Compare both lookups at every token of sentence s[a..e), every table. */
static void check_sentence(const char *s, size_t a, size_t end,
                           const tokvec *tv) {
  xsent x = xtok_check_sent(s, a, end, tv);
  long in[XTOK_CHECK_TABLES] = {0};
  xtok_check_lookups(&x, &asked, in, &bad);
  found += in[1]; /* the titles, where the long keys were added */
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n) {
  return check_rnd(&rng, n);
}

/* A random text of about len bytes of the added and other words into buf
** (cap bytes). */
static size_t make_text(char *buf, size_t cap, size_t len) {
  size_t o = 0;
  while (o < len && o + 64 < cap) {
    const char *w = rnd(2) ? added[rnd(sizeof added / sizeof *added)]
                           : others[rnd(sizeof others / sizeof *others)];
    size_t n = strlen(w);
    memcpy(buf + o, w, n);
    if (rnd(5) == 0 && buf[o] >= 'a' && buf[o] <= 'z') buf[o] -= 32;
    o += n;
    buf[o++] = rnd(6) ? ' ' : ".,\n"[rnd(3)];
  }
  buf[o] = 0;
  return o;
}

int main(void) {
  printf("plan: xt_lookup == xt_lookup_ref with long folded keys\n");
  if (data_check_make(dir, extra_for) != 0) {
    printf("skip: data/ not readable here\n");
    return 77;
  }
  setenv("TINSH_DATA", dir, 1);
  xtok_init();
  static char buf[4096];
  for (int t = 0; t < 3000; t++) {
    size_t n = make_text(buf, sizeof buf, 1 + rnd(600));
    xtok_each_sentence(buf, n, check_sentence);
  }
  printf("%ld asked, %ld titles found, %ld differ\n", asked, found, bad);
  CHECK(found > 1000 && bad == 0);
  data_check_remove(dir);
  return check_done();
}
