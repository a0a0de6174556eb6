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

/* Copy data/name into dir, with `extra` appended. Returns 0 on success. */
static int copy_file(const char *name, const char *extra) {
  char src[512], dst[512];
  snprintf(src, sizeof src, "data/%s", name);
  snprintf(dst, sizeof dst, "%s/%s", dir, name);
  FILE *in = fopen(src, "r"), *out = fopen(dst, "w");
  if (!in || !out) {
    if (in) fclose(in);
    if (out) fclose(out);
    return -1;
  }
  char line[4096];
  while (fgets(line, sizeof line, in)) fputs(line, out);
  if (extra) fputs(extra, out);
  fclose(in);
  return fclose(out);
}

/* The data folder with the added keys in titles.txt. */
static int make_data(void) {
  static char extra[1024];
  for (size_t k = 0; k < sizeof added / sizeof *added; k++) {
    strcat(extra, added[k]);
    strcat(extra, "\n");
  }
  DIR *d = opendir("data");
  if (!d || !mkdtemp(dir)) {
    if (d) closedir(d);
    return -1;
  }
  struct dirent *e;
  int rc = 0;
  while ((e = readdir(d)) && rc == 0) {
    size_t n = strlen(e->d_name);
    if (n < 5 || (strcmp(e->d_name + n - 4, ".txt") != 0 &&
                  strcmp(e->d_name + n - 4, ".tsv") != 0))
      continue;
    rc = copy_file(e->d_name,
                   strcmp(e->d_name, "titles.txt") == 0 ? extra : NULL);
  }
  closedir(d);
  return rc;
}

static void cleanup(void) {
  DIR *d = opendir(dir);
  struct dirent *e;
  char p[512];
  while (d && (e = readdir(d)))
    if (e->d_name[0] != '.') {
      snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
      unlink(p);
    }
  if (d) closedir(d);
  rmdir(dir);
}

/* Compare both lookups at every token of sentence s[a..e), every table. */
static void check_sentence(const char *s, size_t a, size_t end,
                           const tokvec *tv) {
  const lexicon *lx = lexicon_get();
  xsent x = {0};
  x.s = s, x.start = a, x.end = end, x.t = tv->items, x.n = tv->n;
  for (size_t i = 0; i < x.n; i++)
    for (size_t k = 0; k < 8; k++) {
      const lex_table *t = &(&lx->surnames)[k];
      const lex_entry *e1 = NULL, *e2 = NULL;
      int n1 = xt_lookup(&x, i, t, &e1);
      int n2 = xt_lookup_ref(&x, i, t, &e2);
      asked++, found += k == 1 && n1 > 0;
      if ((n1 != n2 || e1 != e2) && bad++ < 5)
        fprintf(stderr, "table %zu: %d/%d at %.40s\n", k, n1, n2,
                s + x.t[i].off);
    }
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n) {
  rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
  return (unsigned)(rng % n);
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
  if (make_data() != 0) {
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
  cleanup();
  return check_done();
}
