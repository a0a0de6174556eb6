/*
** test_fts_forms.c — the index's dominant forms (fts_forms.c).
** Plan:
**  1. the table compiled in is data/words/forms.tsv as it was when the
**     forms1 index format was made (a hash of its bytes): a changed table
**     would silently misread every index made with the old one;
**  2. every line is "fold<TAB>form" with the fold what tinsh's own fold
**     gives for the form (fts_fold_pair), the form its own case fold and
**     not the fold, the folds strictly increasing in byte order (the
**     halving search relies on it);
**  3. lookups through the hash and by halving agree for every line, for
**     folds between and around the lines, and give a fold the table does
**     not hold back unchanged;
**  4. prefixes: every accented beginning of a dominant form that folds
**     to the prefix, each once, and nothing else;
**  5. fts_forms_emit: in FTS_INDEX mode a dominant form alone, any other
**     form of a fold of the table with the fold's marker, both forms of
**     any other fold; in FTS_DOCUMENT mode both forms always.
*/
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fts.h"
#include "util.h"

/* util_hash64 of the forms1 table (data/words/forms.tsv). */
#define FORMS1_HASH 0x7aa7fd2ed67292f8ull

typedef struct line {
  const char *fold, *form;
  int nfold, nform;
} line;

/* The table's lines (comments skipped) into *out; their number. */
static size_t lines(line **out) {
  size_t n = 0, cap = 0;
  const char *p = fts_forms_table(&n), *end = p + n;
  line *v = NULL;
  size_t k = 0;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl) break;
    if (*p != '#') {
      const char *tab = memchr(p, '\t', (size_t)(nl - p));
      if (k == cap) v = xrealloc(v, (cap = cap ? 2 * cap : 1024) * sizeof *v);
      v[k++] = (line){p, tab ? tab + 1 : nl, tab ? (int)(tab - p) : -1,
                      tab ? (int)(nl - tab - 1) : -1};
    }
    p = nl + 1;
  }
  *out = v;
  return k;
}

static int cmp(const char *a, int na, const char *b, int nb) {
  int c = memcmp(a, b, (size_t)(na < nb ? na : nb));
  return c ? c : (na > nb) - (na < nb);
}

static void test_frozen(void) {
  size_t n;
  const char *t = fts_forms_table(&n);
  uint64_t h = util_hash64(t, n);
  CHECK(h == FORMS1_HASH);
  if (h != FORMS1_HASH)
    fprintf(stderr,
            "data/words/forms.tsv changed (hash 0x%016llxull): indexes made "
            "with forms1 need the table they were made with; a new table "
            "needs a new tokenizer argument and a re-index\n",
            (unsigned long long)h);
}

static void test_lines(const line *v, size_t n) {
  CHECK(n > 20000);
  int bad = 0;
  for (size_t i = 0; i < n; i++) {
    const line *l = &v[i];
    char st[600], ex[600];
    int nst, nex;
    int ok =
        l->nfold > 0 && l->nform > 0 &&
        fts_fold_pair(l->form, l->nform, st, &nst, ex, &nex, 600) == 0 &&
        cmp(st, nst, l->fold, l->nfold) == 0 &&
        cmp(ex, nex, l->form, l->nform) == 0 &&
        cmp(l->fold, l->nfold, l->form, l->nform) != 0 &&
        (i == 0 || cmp(v[i - 1].fold, v[i - 1].nfold, l->fold, l->nfold) < 0);
    if (!ok && bad++ < 5)
      fprintf(stderr, "bad line %zu: %.*s\n", i, l->nform, l->form);
  }
  CHECK(bad == 0);
}

/* The line of v[0..n) whose fold is key[0..nk), or NULL (halving). */
static const line *find(const line *v, size_t n, const char *key, int nk) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = cmp(v[mid].fold, v[mid].nfold, key, nk);
    if (c == 0) return &v[mid];
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

static void test_lookups(const line *v, size_t n) {
  int bad = 0;
  char key[600];
  for (size_t i = 0; i < n; i++) {
    const line *l = &v[i];
    for (int hashed = 0; hashed < 2; hashed++) {
      int nd;
      const char *d = fts_forms_dominant(l->fold, l->nfold, &nd, hashed);
      bad += cmp(d, nd, l->form, l->nform) != 0;
      /* a fold just after this one ("dang" + "a"): a line, or none */
      memcpy(key, l->fold, (size_t)l->nfold);
      key[l->nfold] = 'a';
      const char *e = fts_forms_dominant(key, l->nfold + 1, &nd, hashed);
      const line *h = find(v, n, key, l->nfold + 1);
      bad += h ? !e || cmp(e, nd, h->form, h->nform) != 0 : e != NULL;
    }
  }
  CHECK(bad == 0);
  const char *none[] = {"ninh", "covid", "0", "zzzzzz", "~viet", "", "dang"};
  for (size_t i = 0; i < sizeof none / sizeof *none; i++)
    for (int hashed = 0; hashed < 2; hashed++) {
      int nd, m = (int)strlen(none[i]);
      CHECK(fts_forms_dominant(none[i], m, &nd, hashed) == NULL && nd == 0);
    }
  int nd;
  const char *d = fts_forms_dominant("quang_ninh", 10, &nd, 0);
  CHECK(cmp(d, nd, "quảng_ninh", (int)strlen("quảng_ninh")) == 0);
}

typedef struct got {
  char s[4096];
  int n;
} got;

static int collect(void *ctx, int tflags, const char *tok, int ntok, int start,
                   int end) {
  got *g = ctx;
  g->n += snprintf(g->s + g->n, sizeof g->s - (size_t)g->n, "%s%s%.*s@%d-%d",
                   g->n ? " " : "", tflags & FTS_COLOCATED ? "+" : "", ntok,
                   tok, start, end);
  return 0;
}

/* Every beginning the table gives for prefix p: each once, colocated,
** each folding to p; and every line whose fold starts with p has its
** form's beginning among them (or p itself). */
static void test_prefixes(const line *v, size_t n) {
  const char *ps[] = {"quan", "a", "dang", "tp", "quang_n", "zzz"};
  for (size_t k = 0; k < sizeof ps / sizeof *ps; k++) {
    const char *p = ps[k];
    int np = (int)strlen(p);
    got g = {{0}, 0};
    CHECK(fts_forms_prefixes(p, np, collect, &g, 3, 7) == 0);
    char *s = g.s;
    int bad = 0, count = 0;
    for (char *tok = strtok(s, " "); tok; tok = strtok(NULL, " ")) {
      char *at = strrchr(tok, '@');
      bad += tok[0] != '+' || !at || strcmp(at, "@3-7") != 0;
      char st[64], ex[64];
      int nst, nex;
      int nt = at ? (int)(at - tok - 1) : 0;
      bad += fts_fold_pair(tok + 1, nt, st, &nst, ex, &nex, 64) != 0 ||
             cmp(st, nst, p, np) != 0 || cmp(tok + 1, nt, p, np) == 0;
      count++;
    }
    CHECK(bad == 0);
    /* the count matches the distinct beginnings of the lines in range */
    int want = 0;
    for (size_t i = 0; i < n; i++) {
      if (v[i].nfold < np || memcmp(v[i].fold, p, (size_t)np) != 0) continue;
      int dup = 0, m = 0, cps = 0;
      while (m < v[i].nform && cps < np) {
        m++;
        while (m < v[i].nform && (v[i].form[m] & 0xC0) == 0x80) m++;
        cps++;
      }
      dup = m == np && memcmp(v[i].form, p, (size_t)np) == 0;
      for (size_t j = 0; j < i && !dup; j++) {
        if (v[j].nfold < np || memcmp(v[j].fold, p, (size_t)np) != 0) continue;
        dup = v[j].nform >= m && memcmp(v[j].form, v[i].form, (size_t)m) == 0 &&
              (m == v[j].nform || (v[j].form[m] & 0xC0) != 0x80);
      }
      want += !dup;
    }
    CHECK(count == want);
    if (count != want)
      fprintf(stderr, "%s: %d beginnings, want %d\n", p, count, want);
  }
  got g = {{0}, 0};
  fts_forms_prefixes("quan", 4, collect, &g, 0, 4);
  CHECK(strstr(g.s, "+quản@0-4") != NULL); /* quảng, quản lý */
}

static void test_emit(void) {
  struct {
    const char *ex, *st, *want;
  } c[] = {
      {"việt", "viet", "việt@0-9"},            /* the dominant form */
      {"viết", "viet", "viết@0-9 +~viet@0-9"}, /* another form */
      {"viet", "viet", "viet@0-9 +~viet@0-9"}, /* unaccented, not dominant */
      {"ninh", "ninh", "ninh@0-9"},            /* no line: both forms */
      {"nính", "ninh", "ninh@0-9 +nính@0-9"},
      {"đảng", "dang", "dang@0-9 +đảng@0-9"}, /* no line: forms spread */
      {"quảng_ninh", "quang_ninh", "quảng_ninh@0-9"},
      {"quãng_ninh", "quang_ninh", "quãng_ninh@0-9 +~quang_ninh@0-9"},
  };
  for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
    got g = {{0}, 0};
    CHECK(fts_forms_emit(collect, &g, FTS_INDEX, 0, c[i].ex,
                         (int)strlen(c[i].ex), c[i].st, (int)strlen(c[i].st), 0,
                         9) == 0);
    CHECK_STR(g.s, c[i].want);
  }
  /* FTS_DOCUMENT (and FTS_AUX): both forms whatever the table says */
  got d = {{0}, 0};
  fts_forms_emit(collect, &d, FTS_DOCUMENT, 0, "việt", 6, "viet", 4, 0, 9);
  CHECK_STR(d.s, "viet@0-9 +việt@0-9");
  /* the first token's flags are the caller's; both forms of a fold of no
  ** line at a new position */
  got g = {{0}, 0};
  fts_forms_emit(collect, &g, FTS_INDEX, FTS_COLOCATED, "á", 2, "a", 1, 0, 1);
  CHECK_STR(g.s, "+a@0-1 +á@0-1");
  char m[8];
  CHECK(fts_forms_marker("dang", 4, m, 8) == 5 && memcmp(m, "~dang", 5) == 0);
  CHECK(fts_forms_marker("dang", 4, m, 4) == -1);
}

int main(void) {
  line *v;
  size_t n = lines(&v);
  test_frozen();
  test_lines(v, n);
  test_lookups(v, n);
  test_prefixes(v, n);
  test_emit();
  free(v);
  return check_done();
}
