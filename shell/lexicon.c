/*
** lexicon.c — loading and looking up the bundled word lists (lexicon.h).
**
** File formats (lines starting with '#' and blank lines are ignored):
**   surnames.txt   one surname per line
**   titles.txt     one title head per line ("Phó Bí thư")
**   units.txt      unit<TAB>class   (class "stop": never a unit)
**   issuers.txt    one issuer per line ("Bộ Chính trị")
**   gazetteer.tsv  name<TAB>kind[<TAB>alias|alias...]
**   glossary.tsv   abbr<TAB>expansion
** and the extractors' small lists (LEX_* in lexicon.h): *.txt one word or
** phrase per line, *.tsv key<TAB>value, both kept in file order.
**   parser-markers.tsv  kind<TAB>phrase (the parser's word lists)
*/
#include "lexicon.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon_img.h"
#include "text.h"
#include "util.h"

#ifndef TINSH_DATA_DIR
#define TINSH_DATA_DIR "data"
#endif

static lexicon lex;
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;
/* Where the loaded strings live: every data file's text (its lines cut
** in place), or the image's blob; owned for the process. */
typedef struct text_range {
  const char *p;
  size_t n; /* bytes before the text's final NUL */
} text_range;
static VEC(text_range) ranges;

size_t lexicon_fold(char *dst, size_t cap, const char *s, size_t n) {
  return text_fold(dst, cap, s, n, TEXT_FOLD_CASE);
}

uint32_t lexicon_word_hash(const char *s, size_t n) {
  int32_t cp = 0;
  size_t k = 0;
  if (n) {
    k = (size_t)text_decode(s, n, &cp);
    if (cp < 0) cp = (unsigned char)s[0]; /* an invalid byte: as it is */
  }
  return lexicon_word_hash_cp(s, n, cp, k);
}

/* Remember the first word of key (as written) in t->firsts, with the
** key's word count. The first word is the key's first token, as the
** tokenizer cuts it (xt_lookup probes with that token's hash): it ends
** at a space or at punctuation glued inside ("TP.HCM", "héc-ta",
** "km/h", "PGS. TS" start with "TP", "héc", "km", "PGS"). */
static void first_put(lex_table *t, const char *key, size_t n) {
  size_t w = 0, sp = 0;
  int words = 1;
  while (w < n) {
    int32_t cp;
    int k = text_decode(key + w, n - w, &cp);
    if (w > 0 && !(text_class(cp) & TEXT_WORD)) break;
    w += (size_t)k;
  }
  while (sp < n && key[sp] != ' ') sp++;
  for (size_t i = sp; i < n; i++) words += key[i] == ' ';
  if (words > 255) words = 255;
  uint32_t h = lexicon_word_hash(key, w);
  if (2 * (t->fn + 1) > t->fcap) {
    size_t ncap = t->fcap ? t->fcap * 2 : 256;
    uint32_t *nf = xcalloc(ncap, sizeof *nf);
    uint8_t *nm = xcalloc(ncap, 1);
    for (size_t i = 0; i < t->fcap; i++) {
      if (!t->firsts[i]) continue;
      size_t m = t->firsts[i] & (ncap - 1);
      while (nf[m]) m = (m + 1) & (ncap - 1);
      nf[m] = t->firsts[i];
      nm[m] = t->fmax[i];
    }
    free(t->firsts);
    free(t->fmax);
    t->firsts = nf;
    t->fmax = nm;
    t->fcap = ncap;
  }
  size_t m = h & (t->fcap - 1);
  while (t->firsts[m] && t->firsts[m] != h) m = (m + 1) & (t->fcap - 1);
  if (!t->firsts[m]) {
    t->firsts[m] = h;
    t->fn++;
    uint32_t bit = (h >> 20) & 4095;
    t->bloom[bit >> 6] |= 1ull << (bit & 63);
  }
  if (t->fmax[m] < words) t->fmax[m] = (uint8_t)words;
}

static int count_words(const char *s, size_t n) {
  int w = 1;
  for (size_t i = 0; i < n; i++)
    if (s[i] == ' ') w++;
  return w;
}

/*
** Insert key -> (val, kind) into t; keys are copied into the heap. The
** first insertion of a key wins. Grows the table at 50% load.
*/
static void table_put(lex_table *t, const char *key, size_t n, const char *val,
                      const char *kind) {
  char tmp[512];
  first_put(t, key, n);
  if (t->fold) {
    n = lexicon_fold(tmp, sizeof tmp, key, n);
    if (!n) return;
    key = tmp;
  }
  if (n == 0) return;
  if (2 * (t->n + 1) > t->cap) {
    size_t ncap = t->cap ? t->cap * 2 : 256;
    lex_entry *ns = xcalloc(ncap, sizeof *ns);
    for (size_t i = 0; i < t->cap; i++) {
      if (!t->slots[i].key) continue;
      size_t h = util_hash64(t->slots[i].key, t->slots[i].len) & (ncap - 1);
      while (ns[h].key) h = (h + 1) & (ncap - 1);
      ns[h] = t->slots[i];
    }
    free(t->slots);
    t->slots = ns;
    t->cap = ncap;
  }
  size_t h = util_hash64(key, n) & (t->cap - 1);
  while (t->slots[h].key) {
    if (t->slots[h].len == n && memcmp(t->slots[h].key, key, n) == 0) return;
    h = (h + 1) & (t->cap - 1);
  }
  t->slots[h].key = xstrndup(key, n);
  t->slots[h].len = n;
  t->slots[h].val = val;
  t->slots[h].kind = kind;
  t->n++;
  int w = count_words(key, n);
  if (w > t->maxtok) t->maxtok = w;
}

const lex_entry *lex_find(const lex_table *t, const char *s, size_t n) {
  if (!t->cap || !n) return NULL;
  return lex_find_h(t, s, n, util_hash64(s, n));
}

const lex_entry *lex_find_text(const lex_table *t, const char *s, size_t n) {
  if (!t->fold) return lex_find(t, s, n);
  char key[512];
  size_t k = lexicon_fold(key, sizeof key, s, n);
  return k ? lex_find(t, key, k) : NULL;
}

const lex_entry *lex_find_h(const lex_table *t, const char *s, size_t n,
                            uint64_t hash) {
  if (!t->cap || !n) return NULL;
  size_t h = hash & (t->cap - 1);
  while (t->slots[h].key) {
    if (t->slots[h].len == n && memcmp(t->slots[h].key, s, n) == 0)
      return &t->slots[h];
    h = (h + 1) & (t->cap - 1);
  }
  return NULL;
}

/* Strip trailing CR/spaces of line[0..*n). */
static void rtrim(const char *line, size_t *n) {
  while (*n && (line[*n - 1] == '\r' || line[*n - 1] == ' ')) (*n)--;
}

/*
** Read data file `name` and call add(t, fields, nfields) for each content
** line split on TABs (at most 3 fields, NUL-terminated in the file's text,
** which stays alive for the process). Returns 0, or -1 when the file is
** unreadable.
*/
static int load_file(const char *dir, const char *name, void *t,
                     void (*add)(void *, char **, int)) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  char *text;
  size_t len;
  if (util_read_file(path, 0, &text, &len) != 0) return -1;
  if (!text_utf8_valid(text, len)) lex.utf8 = 0;
  text_range r = {text, len};
  VEC_PUSH(ranges, r); /* kept: values point into it */
  char *p = text, *end = text + len;
  while (p < end) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    rtrim(p, &n);
    if (n && p[0] != '#') {
      char *f[3] = {0};
      int nf = 0;
      char *line = p;
      line[n] = 0; /* the line's end, a space or the buffer's NUL */
      char *s = line;
      while (nf < 3) {
        f[nf++] = s;
        char *tab = strchr(s, '\t');
        if (!tab) break;
        *tab = 0;
        s = tab + 1;
      }
      add(t, f, nf);
    }
    p = nl ? nl + 1 : end;
  }
  return 0;
}

static void add_plain(void *t, char **f, int nf) {
  (void)nf;
  table_put(t, f[0], strlen(f[0]), f[0], NULL);
}

static void add_pair(void *t, char **f, int nf) {
  table_put(t, f[0], strlen(f[0]), nf > 1 ? f[1] : NULL, nf > 1 ? f[1] : NULL);
}

/* gazetteer: the name itself and every alias map to (name, kind). */
static void add_place(void *t, char **f, int nf) {
  const char *kind = nf > 1 && f[1][0] ? f[1] : NULL;
  table_put(t, f[0], strlen(f[0]), f[0], kind);
  if (nf < 3) return;
  char *s = f[2];
  while (*s) {
    char *bar = strchr(s, '|');
    size_t n = bar ? (size_t)(bar - s) : strlen(s);
    table_put(t, s, n, f[0], kind);
    if (!bar) break;
    s = bar + 1;
  }
}

/* ---- the parser's word lists (data/parser-markers.tsv) ---- */

static const char *const list_kinds[LEXL__COUNT] = {
    "banner-line",    "banner-start",   "legal-banner",     "related-line",
    "related-start",  "footer-start",   "footer-short",     "footer-line",
    "share-start",    "share-line",     "share-word",       "widget-start",
    "widget-line",    "contact",        "site-head",        "caption-start",
    "caption-opener", "caption-phrase", "lead-opener",      "heading-head",
    "byline-source",  "byline-role",    "byline-role-tail", "not-a-name",
    "thanks-start",   "date-word",      "follow-start",     "follow-end",
    "legal-state",    "legal-issuer",   "legal-session",    "legal-period",
    "legal-term",     "photo-position", "caption-tail",     "list-intro",
    "script-junk",    "byline-degree",  "counter-label",    "address-word",
    "issue-start",
};
typedef VEC(const char *) wordvec;
static wordvec lists[LEXL__COUNT];
static pthread_once_t lists_once = PTHREAD_ONCE_INIT;

/* One "kind<TAB>phrase" line: append the phrase to its kind's list. */
static void add_marker(void *t, char **f, int nf) {
  (void)t;
  if (nf < 2) return;
  for (int k = 0; k < LEXL__COUNT; k++)
    if (list_kinds[k][0] == f[0][0] && strcmp(list_kinds[k], f[0]) == 0) {
      VEC_PUSH(lists[k], f[1]);
      return;
    }
}

/* Terminate every list (load_all has read the file, or found none). */
static void seal_lists(void) {
  for (int k = 0; k < LEXL__COUNT; k++) VEC_PUSH(lists[k], NULL);
}

const char *const *lexicon_list(int which) {
  lexicon_get();
  pthread_once(&lists_once, seal_lists);
  if (which < 0 || which >= LEXL__COUNT) which = 0;
  return (const char *const *)lists[which].items;
}

/* word lists: one word or phrase per line, in file order */
static wordvec word_lists[LEX_LIST_N];

static void add_word(void *v, char **f, int nf) {
  (void)nf;
  wordvec *w = v;
  VEC_PUSH(*w, f[0]);
}

typedef VEC(lex_pair) pairvec;
static pairvec pair_lists[LEX_PAIR_N];

/* a key<TAB>value line; a line without a value is skipped */
static void add_pair_item(void *v, char **f, int nf) {
  pairvec *p = v;
  if (nf < 2) return;
  lex_pair e = {f[0], f[1]};
  VEC_PUSH(*p, e);
}

/* Terminate every list (an unreadable file: an empty list). */
static void finish_lists(void) {
  for (int i = 0; i < LEX_LIST_N; i++) {
    VEC_PUSH(word_lists[i], NULL);
    lex.lists[i] = word_lists[i].items;
  }
  for (int i = 0; i < LEX_PAIR_N; i++) {
    lex_pair end = {NULL, NULL};
    VEC_PUSH(pair_lists[i], end);
    lex.pairs[i] = pair_lists[i].items;
  }
}

/* Every data file: its name, the table or list it fills, its loader. */
static const struct {
  const char *name;
  void *t;
  void (*add)(void *, char **, int);
} data_files[] = {
    {"surnames.txt", &lex.surnames, add_plain},
    {"titles.txt", &lex.titles, add_plain},
    {"degrees.txt", &lex.degrees, add_plain},
    {"monastic-ranks.txt", &lex.monastic, add_plain},
    {"units.txt", &lex.units, add_pair},
    {"issuers.txt", &lex.issuers, add_plain},
    {"gazetteer.tsv", &lex.places, add_place},
    {"glossary.tsv", &lex.glossary, add_pair},
    {"not-unit.txt", &word_lists[LEX_NOT_UNIT], add_word},
    {"not-after-number.txt", &word_lists[LEX_NOT_AFTER_NUMBER], add_word},
    {"qualifiers.txt", &word_lists[LEX_QUALIFIERS], add_word},
    {"subject-cut.txt", &word_lists[LEX_SUBJECT_CUT], add_word},
    {"subject-lead.txt", &word_lists[LEX_SUBJECT_LEAD], add_word},
    {"honorifics.txt", &word_lists[LEX_HONORIFICS], add_word},
    {"title-words.txt", &word_lists[LEX_TITLE_WORDS], add_word},
    {"not-name.txt", &word_lists[LEX_NOT_NAME], add_word},
    {"title-links.txt", &word_lists[LEX_TITLE_LINKS], add_word},
    {"title-ends.txt", &word_lists[LEX_TITLE_ENDS], add_word},
    {"place-heads.txt", &word_lists[LEX_PLACE_HEADS], add_word},
    {"org-words.txt", &word_lists[LEX_ORG_WORDS], add_word},
    {"period-terms.txt", &word_lists[LEX_PERIOD_TERMS], add_word},
    {"ref-kinds.txt", &word_lists[LEX_REF_KINDS], add_word},
    {"not-person-after.txt", &word_lists[LEX_NOT_PERSON_AFTER], add_word},
    {"title-orgs.txt", &word_lists[LEX_TITLE_ORGS], add_word},
    {"link-adverbs.txt", &word_lists[LEX_LINK_ADVERBS], add_word},
    {"numbered-units.txt", &word_lists[LEX_NUMBERED_UNITS], add_word},
    {"foreign-org-words.txt", &word_lists[LEX_FOREIGN_ORGS], add_word},
    {"country-short-names.txt", &word_lists[LEX_SHORT_COUNTRIES], add_word},
    {"person-roles.txt", &word_lists[LEX_PERSON_ROLES], add_word},
    {"baptismal-names.txt", &word_lists[LEX_BAPTISMAL], add_word},
    {"org-heads.txt", &word_lists[LEX_ORG_HEADS], add_word},
    {"org-name-ends.txt", &word_lists[LEX_ORG_NAME_ENDS], add_word},
    {"event-roles.txt", &word_lists[LEX_EVENT_ROLES], add_word},
    {"number-after-ok.txt", &word_lists[LEX_NUMBER_AFTER_OK], add_word},
    {"report-verbs.txt", &word_lists[LEX_REPORT_VERBS], add_word},
    {"not-after-word.txt", &word_lists[LEX_NOT_AFTER_WORD], add_word},
    {"stopwords-vi.txt", &word_lists[LEX_STOPWORDS], add_word},
    {"unit-prefixes.txt", &word_lists[LEX_UNIT_PREFIXES], add_word},
    {"rank-titles.txt", &word_lists[LEX_RANK_TITLES], add_word},
    {"ref-codes.tsv", &pair_lists[LEX_REF_CODES], add_pair_item},
    {"place-prefixes.tsv", &pair_lists[LEX_PLACE_PREFIXES], add_pair_item},
    {"multipliers.tsv", &pair_lists[LEX_MULTIPLIERS], add_pair_item},
    {"parser-markers.tsv", NULL, add_marker},
};

#define NFILES (sizeof data_files / sizeof *data_files)

/* The data folder: $TINSH_DATA, else the compile-time one. */
static const char *data_dir(void) {
  const char *dir = getenv("TINSH_DATA");
  return dir && *dir ? dir : TINSH_DATA_DIR;
}

/* ---- the binary image (lexicon_img.h): the tables and lists as loaded,
** mapped at start instead of reading and indexing the files ---- */

/* The image to try: $TINSH_LEXDATA_IMAGE (empty: none), else the one the
** build made, else none. */
static const char *image_path(void) {
  const char *p = getenv("TINSH_LEXDATA_IMAGE");
  if (p) return p;
#ifdef TINSH_LEXDATA_IMAGE
  return TINSH_LEXDATA_IMAGE;
#else
  return NULL;
#endif
}

/* A print of what the loading code computes (folding, both hashes, the
** tables' shapes): an image made by another build's code is not used. */
static uint64_t code_print(void) {
  static const char s[] =
      "\xe1\xbb\xa6y ban TP.HCM \xc4\x90\xe1\xba\xafk "
      "L\xe1\xba\xafk"; /* Ủy ban TP.HCM Đắk Lắk */
  char f[128];
  size_t n = lexicon_fold(f, sizeof f, s, sizeof s - 1);
  uint64_t h = util_hash64(f, n) ^ (uint64_t)lexicon_word_hash(s, 3) << 32;
  h ^= (uint64_t)(sizeof(lex_entry) << 16 | NFILES << 8 | LEX_LIST_N);
  return h ^ (uint64_t)(LEXL__COUNT << 8 | LEX_PAIR_N) << 24;
}

/* The hash of dir's data files and of this code; *all: all were read. */
static uint64_t sources(const char *dir, int *all) {
  const char *names[NFILES];
  for (size_t i = 0; i < NFILES; i++) names[i] = data_files[i].name;
  return limg_sources(dir, names, NFILES, all) ^ code_print();
}

/* The offset of string s in the image o: inside a text of ranges (whose
** copies start at base[]), else appended (a key made on the heap). */
static uint32_t str_off(limg_w *o, const uint32_t *base, const char *s) {
  if (!s) return LIMG_NONE;
  for (size_t i = 0; i < ranges.n; i++)
    if (s >= ranges.items[i].p && s <= ranges.items[i].p + ranges.items[i].n)
      return base[i] + (uint32_t)(s - ranges.items[i].p);
  return limg_bytes(o, s, strlen(s));
}

/* Table t to the image: its sizes, filter, slots (as they lie), first
** words and their word counts. */
static void put_table(limg_w *o, const uint32_t *base, const lex_table *t) {
  uint32_t head[6] = {(uint32_t)t->cap,  (uint32_t)t->n,    (uint32_t)t->maxtok,
                      (uint32_t)t->fold, (uint32_t)t->fcap, (uint32_t)t->fn};
  for (int i = 0; i < 6; i++) limg_put(o, head[i]);
  for (int i = 0; i < 64; i++)
    limg_put(o, (uint32_t)t->bloom[i]), limg_put(o, t->bloom[i] >> 32);
  for (size_t i = 0; i < t->cap; i++) {
    const lex_entry *e = &t->slots[i];
    limg_put(o, str_off(o, base, e->key));
    limg_put(o, (uint32_t)e->len);
    limg_put(o, str_off(o, base, e->val));
    limg_put(o, str_off(o, base, e->kind));
  }
  for (size_t i = 0; i < t->fcap; i++) limg_put(o, t->firsts[i]);
  for (size_t i = 0; i < t->fcap; i += 4) {
    uint32_t v = 0;
    for (size_t j = 0; j < 4 && i + j < t->fcap; j++)
      v |= (uint32_t)t->fmax[i + j] << (8 * j);
    limg_put(o, v);
  }
}

/* A list of n strings to the image. */
static void put_strs(limg_w *o, const uint32_t *base, const char *const *v,
                     size_t n) {
  limg_put(o, (uint32_t)n);
  for (size_t i = 0; i < n; i++) limg_put(o, str_off(o, base, v[i]));
}

static lex_table *const tables[] = {&lex.surnames, &lex.titles,   &lex.issuers,
                                    &lex.degrees,  &lex.monastic, &lex.units,
                                    &lex.places,   &lex.glossary};
#define NTABLES (sizeof tables / sizeof *tables)

int lexicon_save_image(const char *path) {
  lexicon_get();
  pthread_once(&lists_once, seal_lists); /* every list ends in a NULL */
  int all;
  uint64_t src = sources(data_dir(), &all);
  if (lex.missing || !all) return -1;
  limg_w o = {0};
  uint32_t *base = xmalloc((ranges.n + 1) * sizeof *base);
  for (size_t i = 0; i < ranges.n; i++)
    base[i] = limg_bytes(&o, ranges.items[i].p, ranges.items[i].n);
  for (size_t i = 0; i < NTABLES; i++) put_table(&o, base, tables[i]);
  for (int i = 0; i < LEX_LIST_N; i++)
    put_strs(&o, base, word_lists[i].items, word_lists[i].n - 1);
  for (int i = 0; i < LEXL__COUNT; i++)
    put_strs(&o, base, lists[i].items, lists[i].n - 1);
  for (int i = 0; i < LEX_PAIR_N; i++) {
    limg_put(&o, (uint32_t)pair_lists[i].n - 1);
    for (size_t j = 0; j + 1 < pair_lists[i].n; j++) {
      limg_put(&o, str_off(&o, base, pair_lists[i].items[j].key));
      limg_put(&o, str_off(&o, base, pair_lists[i].items[j].val));
    }
  }
  limg_put(&o, (uint32_t)lex.utf8);
  int rc = limg_save(&o, src, path);
  free(base);
  limg_w_free(&o);
  return rc;
}

/* Is n zero or a power of two below 2^30? */
static int pow2_or_0(uint32_t n) {
  return n < (1u << 30) && (n & (n - 1)) == 0;
}

/* Table t from the image (its slots on the heap, its first words in the
** mapping); 0, or -1 (r->bad) for a malformed one. */
static int get_table(limg_r *r, lex_table *t) {
  memset(t, 0, sizeof *t);
  const uint32_t *h = limg_words(r, 6), *b = limg_words(r, 128);
  if (!h || !b || !pow2_or_0(h[0]) || !pow2_or_0(h[4]) || h[1] > h[0] ||
      h[5] > h[4])
    return r->bad = 1, -1;
  t->cap = h[0], t->n = h[1], t->maxtok = (int)h[2], t->fold = (int)h[3];
  t->fcap = h[4], t->fn = h[5];
  for (int i = 0; i < 64; i++)
    t->bloom[i] = b[2 * i] | (uint64_t)b[2 * i + 1] << 32;
  const uint32_t *s = limg_words(r, t->cap * 4);
  uint32_t *f = (uint32_t *)limg_words(r, t->fcap);
  uint8_t *m = (uint8_t *)limg_words(r, (t->fcap + 3) / 4);
  if (r->bad) return -1;
  if (t->cap) t->slots = xmalloc(t->cap * sizeof *t->slots);
  for (size_t i = 0; i < t->cap; i++, s += 4) {
    lex_entry e = {NULL, 0, NULL, NULL}; /* an empty slot */
    if (s[0] != LIMG_NONE)
      e = (lex_entry){limg_str(r, s[0]), s[1], limg_str(r, s[2]),
                      limg_str(r, s[3])};
    t->slots[i] = e;
  }
  if (t->fcap) t->firsts = f, t->fmax = m; /* read-only after loading */
  return r->bad ? -1 : 0;
}

/* A list of strings from the image into v (emptied first). */
static void get_strs(limg_r *r, wordvec *v) {
  memset(v, 0, sizeof *v);
  uint32_t n = limg_get(r);
  const uint32_t *o = limg_words(r, n);
  if (!o || !n) return;
  v->items = xmalloc(n * sizeof *v->items);
  for (uint32_t i = 0; i < n; i++) v->items[i] = limg_str(r, o[i]);
  v->n = v->cap = n;
}

static void get_pairs(limg_r *r, pairvec *v) {
  memset(v, 0, sizeof *v);
  uint32_t n = limg_get(r);
  const uint32_t *o = limg_words(r, 2 * (size_t)n);
  if (!o || !n) return;
  v->items = xmalloc(n * sizeof *v->items);
  for (uint32_t i = 0; i < n; i++) {
    lex_pair e = {limg_str(r, o[2 * i]), limg_str(r, o[2 * i + 1])};
    v->items[i] = e;
  }
  v->n = v->cap = n;
}

/* Everything the image holds, read into a scratch copy first. */
typedef struct loaded {
  lex_table t[NTABLES];
  wordvec words[LEX_LIST_N], marks[LEXL__COUNT];
  pairvec pairs[LEX_PAIR_N];
  uint32_t utf8;
} loaded;

static void free_loaded(loaded *d) {
  for (size_t i = 0; i < NTABLES; i++) free(d->t[i].slots);
  for (int i = 0; i < LEX_LIST_N; i++) free(d->words[i].items);
  for (int i = 0; i < LEXL__COUNT; i++) free(d->marks[i].items);
  for (int i = 0; i < LEX_PAIR_N; i++) free(d->pairs[i].items);
}

/* Read the image of r into d; 0, or -1 when it is malformed. */
static int get_all(limg_r *r, loaded *d) {
  memset(d, 0, sizeof *d);
  for (size_t i = 0; i < NTABLES && !r->bad; i++) get_table(r, &d->t[i]);
  for (int i = 0; i < LEX_LIST_N; i++) get_strs(r, &d->words[i]);
  for (int i = 0; i < LEXL__COUNT; i++) get_strs(r, &d->marks[i]);
  for (int i = 0; i < LEX_PAIR_N; i++) get_pairs(r, &d->pairs[i]);
  d->utf8 = limg_get(r);
  return r->bad || r->pos != r->wn ? -1 : 0;
}

/* Load from the image when it was made from dir's files (all there, as
** they are now); 0, or -1 (nothing loaded). */
static int load_image(const char *dir) {
  const char *path = image_path();
  if (!path || !*path) return -1;
  int all;
  uint64_t src = sources(dir, &all);
  limg_r r;
  if (!all || limg_map(path, src, &r) != 0) return -1;
  loaded *d = xmalloc(sizeof *d);
  if (get_all(&r, d) != 0) {
    free_loaded(d), free(d), limg_unmap(&r);
    return -1;
  }
  for (size_t i = 0; i < NTABLES; i++) *tables[i] = d->t[i];
  memcpy(word_lists, d->words, sizeof word_lists);
  memcpy(lists, d->marks, sizeof lists);
  memcpy(pair_lists, d->pairs, sizeof pair_lists);
  lex.utf8 = (int)d->utf8;
  free(d);
  text_range all_of = {r.blob, r.blen - 1}; /* the mapping stays */
  VEC_PUSH(ranges, all_of);
  return 0;
}

/* Load every data file (from the image when it is theirs); one warning
** names the first that is missing. */
static void load_all(void) {
  const char *dir = data_dir();
  if (load_image(dir) == 0) {
    finish_lists();
    return;
  }
  lex.titles.fold = lex.degrees.fold = lex.monastic.fold = lex.units.fold =
      lex.issuers.fold = 1;
  lex.utf8 = 1; /* until a file says otherwise (load_file) */
  const char *first = NULL;
  for (size_t i = 0; i < NFILES; i++)
    if (load_file(dir, data_files[i].name, data_files[i].t,
                  data_files[i].add) != 0) {
      lex.missing++;
      if (!first) first = data_files[i].name;
    }
  finish_lists();
  if (lex.missing)
    fprintf(stderr,
            "tinsh: %s/%s: cannot read data file (%d missing); facts are "
            "extracted without them\n",
            dir, first, lex.missing);
}

const lexicon *lexicon_get(void) {
  pthread_once(&lex_once, load_all);
  return &lex;
}
