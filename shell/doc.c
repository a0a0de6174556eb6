/*
** doc.c — the parsed-document model: lifetime, warnings, JSON form.
*/
#include "doc.h"

#include <math.h>
#include <pthread.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[BK__COUNT] = {
    "banner",   "title",  "dateline", "lead",   "heading", "paragraph",
    "question", "answer", "caption",  "byline", "related", "boilerplate"};

const char *doc_kind_name(doc_kind k) {
  return (unsigned)k < BK__COUNT ? kind_names[k] : "paragraph";
}

int doc_kind_from_name(const char *name) {
  for (int i = 0; i < BK__COUNT; i++)
    if (strcmp(kind_names[i], name) == 0) return i;
  return -1;
}

/* The doc is zeroed by memset after xmalloc, not by xcalloc: calloc
** takes malloc's long way (no per-thread cache), xmalloc gets the block
** doc_free just gave back. */
doc *doc_new(const char *path) {
  doc *d = xmalloc(sizeof *d);
  memset(d, 0, sizeof *d);
  arena_init(&d->arena);
  d->path = arena_strdup(&d->arena, path ? path : "");
  return d;
}

/* Each kind's items freed, and the lists of its STRS columns inside them
** first (made from the fields, fact_schema.h: no column descriptor read;
** a kind that never had items frees nothing). */
#define DF_STR(m)
#define DF_NUM(m)
#define DF_OPTNUM(m)
#define DF_INT(m)
#define DF_INT0(m)
#define DF_BLOCK(m)
#define DF_STRS(m)                      free(it->m.items);
#define DF_COL(m, type, sql, json, lua) DF_##type(m)
#define DF_KIND(T, m, kind, table, json, lua, FIELDS, bare) \
  if (d->m.items) {                                         \
    for (size_t i = 0; i < d->m.n; i++) {                   \
      const __typeof__(d->m.items[0]) *it = &d->m.items[i]; \
      (void)it;                                             \
      FIELDS(DF_COL)                                        \
    }                                                       \
    free(d->m.items);                                       \
  }

void doc_free(doc *d) {
  if (!d) return;
  FACT_KINDS(DF_KIND)
  free(d->blocks.items);
  free(d->text_heap);
  arena_free(&d->arena);
  free(d);
}

char *doc_str(doc *d, const char *s, size_t n) {
  return arena_strndup(&d->arena, s, n);
}

void doc_warn(doc *d, const char *fmt, ...) {
  char tmp[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  VEC_PUSH(d->warnings, arena_strdup(&d->arena, tmp));
}

/* ---- JSON ---- */

/* Room for n more bytes (and the NUL) at the end of b: where they go. */
static char *jroom(buf *b, size_t n) {
  if (b->len + n + 1 > b->cap) buf_reserve(b, n);
  return b->data + b->len;
}

/* b now ends at p, inside the room jroom gave. */
static void jend(buf *b, char *p) {
  b->len = (size_t)(p - b->data);
  *p = '\0';
}

/* "null" at p (room for 4 bytes); past it. */
static char *jnull_at(char *p) {
  memcpy(p, "null", 4);
  return p + 4;
}

/* The byte c at the end of b. */
static void jchar(buf *b, char c) {
  char *p = jroom(b, 1);
  *p++ = c;
  jend(b, p);
}

static void jnull(buf *b) {
  jend(b, jnull_at(jroom(b, 4)));
}

static void jstr(buf *b, const char *s) {
  if (s)
    buf_add_json_str(b, s, strlen(s));
  else
    jnull(b);
}

/* jstr for s[0..n), without the UTF-8 check when utf8 (doc.h). */
static void jstr_n(buf *b, const char *s, size_t n, int utf8) {
  if (!s)
    jnull(b);
  else if (utf8)
    buf_add_json_utf8(b, s, n);
  else
    buf_add_json_str(b, s, n);
}

/* `,"k":` (without the comma when first). Keys are the model's own
** names (ASCII letters and '_', checked by test_doc_json): written as
** they are, not escaped. */
static void jkey(buf *b, const char *k, int first) {
  size_t n = strlen(k);
  char *p = jroom(b, n + 4);
  if (!first) *p++ = ',';
  *p++ = '"';
  memcpy(p, k, n);
  p += n;
  *p++ = '"';
  *p++ = ':';
  jend(b, p);
}

/* The decimal digits of u at p (room for 20 bytes); past them. Counted
** first (u against the powers of ten), then written in place from the
** last two digits back, two a step: no copy. */
static char *jdigits_at(char *p, unsigned long long u) {
  static const char pairs[201] =
      "00010203040506070809101112131415161718192021222324252627282930313233"
      "34353637383940414243444546474849505152535455565758596061626364656667"
      "6869707172737475767778798081828384858687888990919293949596979899";
  static const unsigned long long p10[20] = {1ull,
                                             10ull,
                                             100ull,
                                             1000ull,
                                             10000ull,
                                             100000ull,
                                             1000000ull,
                                             10000000ull,
                                             100000000ull,
                                             1000000000ull,
                                             10000000000ull,
                                             100000000000ull,
                                             1000000000000ull,
                                             10000000000000ull,
                                             100000000000000ull,
                                             1000000000000000ull,
                                             10000000000000000ull,
                                             100000000000000000ull,
                                             1000000000000000000ull,
                                             10000000000000000000ull};
  /* digits: from the bit length, log10(2) ~ 1233 / 4096 gives t, the
  ** digits of 2^bits - 1 less one; one less when u < 10^t */
  unsigned long long v = u | 1; /* as many digits as u; 0 has one */
  size_t t = (size_t)(64 - __builtin_clzll(v)) * 1233 >> 12;
  size_t n = t + 1 - (v < p10[t]);
  char *e = p + n, *q = e;
  for (; u >= 100; u /= 100) /* two digits a step */
    q -= 2, memcpy(q, pairs + 2 * (u % 100), 2);
  if (u >= 10)
    q -= 2, memcpy(q, pairs + 2 * u, 2);
  else
    *--q = (char)('0' + u);
  return e;
}

/* An integer in decimal, as "%lld" prints it (without printf), at p
** (room for 21 bytes); past it. */
static char *jint_at(char *p, long long v) {
  if (v < 0) *p++ = '-';
  return jdigits_at(
      p, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v);
}

static void jint(buf *b, long long v) {
  jend(b, jint_at(jroom(b, 24), v));
}

/*
** a (not an integer) as "%.15g" prints it, at p, when a decimal m / 10^k
** of at most 15 digits reads back as a and 1e-4 <= a < 1e15: printf
** rounds a to 15 significant digits, which gives that decimal exactly
** (a is within half an ulp of it, far below half the 15th digit), and
** prints it in its fixed form (no trailing zeros). Returns the end,
** or NULL when a is no such number (printf must print it).
*/
static char *jdecimal_at(char *p, double a) {
  static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                               1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                               1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  if (!(a >= 1e-4 && a < 1e15)) return NULL;
  for (int k = 1; k <= 22; k++) {
    double m = floor(a * p10[k] + 0.5);
    if (m >= 1e15) return NULL;
    if (m / p10[k] != a) continue;
    /* the first k that reads back leaves m no trailing zero: m / 10
    ** would have read back at k - 1 (both exact, the same quotient) */
    char d[20], *e = jdigits_at(d, (unsigned long long)m);
    size_t n = (size_t)(e - d), f = (size_t)k; /* digits, decimals */
    if (n <= f) {                              /* "0.05" */
      memcpy(p, "0.", 2), p += 2;
      memset(p, '0', f - n), p += f - n;
      memcpy(p, d, n);
      return p + n;
    }
    memcpy(p, d, n - f), p += n - f;
    if (f) *p++ = '.', memcpy(p, d + n - f, f), p += f;
    return p;
  }
  return NULL;
}

static void jnum(buf *b, double v) {
  char *p = jroom(b, 32);
  if (!isfinite(v)) {
    p = jnull_at(p);
  } else if (fabs(v) < 1e15 && (double)(long long)v == v) {
    /* an integer (v == floor(v)): below 1e15 the cast is exact */
    if (v == 0 && signbit(v))
      memcpy(p, "-0", 2), p += 2; /* as "%.0f" prints it */
    else
      p = jint_at(p, (long long)v);
  } else {
    char *q = jdecimal_at(p + (v < 0), fabs(v));
    if (!q) {
      buf_printf(b, "%.15g", v);
      return;
    }
    if (v < 0) *p = '-';
    p = q;
  }
  jend(b, p);
}

static void jkstr(buf *b, const char *k, const char *v) {
  jkey(b, k, 0);
  jstr(b, v);
}

/* A list of strings; utf8: they are valid UTF-8 (a parser's document,
** d->utf8), escaped without buf_add_json_str's check. */
static void jstrs(buf *b, char *const *items, size_t n, int utf8) {
  jchar(b, '[');
  for (size_t i = 0; i < n; i++) {
    if (i) jchar(b, ',');
    jstr_n(b, items[i], items[i] ? strlen(items[i]) : 0, utf8);
  }
  jchar(b, ']');
}

/* `{"kind":"NAME","text":` for block kind k, after a comma unless first:
** the kind names are this file's own lower-case ASCII words, which JSON
** takes as they are (what jstr would write). */
static size_t kind_len[BK__COUNT]; /* strlen of kind_names[k] (jcols_init) */

static void jblock_head(buf *b, doc_kind k, int first) {
  const char *name = doc_kind_name(k);
  size_t n = (unsigned)k < BK__COUNT ? kind_len[k] : strlen(name);
  char *o = jroom(b, n + 20);
  if (!first) *o++ = ',';
  memcpy(o, "{\"kind\":\"", 9), o += 9;
  memcpy(o, name, n), o += n;
  memcpy(o, "\",\"text\":", 9), o += 9;
  jend(b, o);
}

/* A header string that is also the text of a block (jkstr_block): the
** block (NULL: none), and where the string's JSON form sits in b. */
typedef struct jdup {
  const doc_block *k;
  size_t off, len;
} jdup;

/* The first block of kind k when its text is s[0..n) (n = strlen(s)),
** else NULL. For the parser's documents only (d->utf8): a block's text
** there is a copy of its len bytes and a NUL, so len bytes may be read. */
static const doc_block *same_block(const doc *d, doc_kind k, const char *s,
                                   size_t n) {
  for (size_t i = 0; i < d->blocks.n; i++) {
    const doc_block *bl = &d->blocks.items[i];
    if (bl->kind != k) continue;
    if (bl->text && bl->len == n && bl->text[n] == '\0' &&
        memcmp(bl->text, s, n) == 0)
      return bl;
    return NULL;
  }
  return NULL;
}

/*
** `,"key":` and the header string s, as jkstr writes them. When s is the
** text of the first block of kind k of a parser's document (the title
** or lead line as its block holds it), s is valid UTF-8 (d->utf8 vouches
** for the blocks' texts): it goes the way of buf_add_json_utf8 without
** buf_add_json_str's check (the same JSON for valid UTF-8), and *dup
** keeps where, for json_blocks to copy it to the block.
*/
static void jkstr_block(buf *b, const doc *d, const char *key, const char *s,
                        doc_kind k, jdup *dup) {
  jkey(b, key, 0);
  dup->k = NULL;
  if (!s || !d->utf8) {
    jstr(b, s);
    return;
  }
  size_t n = strlen(s);
  if (!(dup->k = same_block(d, k, s, n))) {
    buf_add_json_str(b, s, n);
    return;
  }
  dup->off = b->len;
  buf_add_json_utf8(b, s, n);
  dup->len = b->len - dup->off;
}

/* The blocks; the text of a block a header string is (dup[0..2)) copied
** from that string's JSON in b, not escaped again. A parser's block
** (d->utf8) is a copy of its len bytes and a NUL, no NUL inside (the
** normalised text has none): its len is its strlen. */
static void json_blocks(const doc *d, buf *b, const jdup *dup) {
  jchar(b, '[');
  for (size_t i = 0; i < d->blocks.n; i++) {
    const doc_block *k = &d->blocks.items[i];
    jblock_head(b, k->kind, i == 0);
    const jdup *j = k == dup[0].k ? &dup[0] : k == dup[1].k ? &dup[1] : NULL;
    if (j) {
      char *o = jroom(b, j->len); /* before the copy: b->data may move */
      memcpy(o, b->data + j->off, j->len);
      jend(b, o + j->len);
    } else if (d->utf8 && k->text) { /* a copy of its len bytes */
      buf_add_json_utf8(b, k->text, k->len);
    } else {
      jstr_n(b, k->text, k->text ? strlen(k->text) : 0, d->utf8);
    }
    jchar(b, '}');
  }
  jchar(b, ']');
}

#define JLAST_COLS 32 /* columns with a cache of their own (more: shared) */

/* The last string jstr_again wrote for one column: where its JSON form
** sits in b. */
typedef struct jlast {
  const char *s;
  size_t off, len;
} jlast;

/*
** jstr, but a string at the same address as the last one given for the
** column (the figures of one sentence share its arena copy), or, in
** the kinds' writers (jw_<kind>), as the item's string column before (a
** figure's unit and base_unit), is copied from its escaped form in b
** rather than escaped again.
*/
/* The JSON form last holds, copied again to the end of b. */
static void jcopy(buf *b, const jlast *last) {
  char *o = jroom(b, last->len); /* before the copy: b->data may move */
  memcpy(o, b->data + last->off, last->len);
  jend(b, o + last->len);
}

/* The valid UTF-8 string s as JSON at the end of b, kept in *last. */
static void jstr_fresh(buf *b, const char *s, jlast *last) {
  size_t off = b->len;
  buf_add_json_utf8(b, s, strlen(s));
  last->s = s, last->off = off, last->len = b->len - off;
}

static void jstr_again(buf *b, const char *s, jlast *last, int utf8) {
  if (s && s == last->s) {
    jcopy(b, last);
    return;
  }
  size_t off = b->len;
  jstr_n(b, s, s ? strlen(s) : 0, utf8);
  if (s) last->s = s, last->off = off, last->len = b->len - off;
}

/* The JSON value of column c of item p (inline in json_kind's loop, the
** reference the kinds' writers are checked against, and for bare kinds). */
static inline __attribute__((always_inline)) void json_field(
    buf *b, const void *p, const fact_column *c, jlast *last, int utf8) {
  switch (c->type) {
    case FT_STR:
      jstr_again(b, *FACT_FIELD(p, c, char *), last, utf8);
      break;
    case FT_NUM:
      jnum(b, *FACT_FIELD(p, c, double));
      break;
    case FT_OPTNUM:
      if (*(const int *)(const void *)((const char *)p + c->flag))
        jnum(b, *FACT_FIELD(p, c, double));
      else
        jnull(b);
      break;
    case FT_INT0:
      if (*FACT_FIELD(p, c, int) == 0) {
        jnull(b);
        break;
      }
      /* fall through */
    case FT_INT:
    case FT_BLOCK:
      jint(b, *FACT_FIELD(p, c, int));
      break;
    case FT_STRS: {
      const doc_strs *v = FACT_FIELD(p, c, doc_strs);
      jstrs(b, v->items, v->n, 0);
      break;
    }
  }
}

/* A column of the JSON form with its key written out: `,"key":`. */
#define JKEY_MAX 40
typedef struct jcol {
  const fact_column *c;
  char key[JKEY_MAX]; /* `,"key":` (n bytes; the rest zeros) */
  size_t n;
} jcol;

/* Each kind's columns of the JSON form, set up once (jcols_init). */
static struct {
  jcol cols[FACT_MAX_COLUMNS];
  size_t n;
  int ok;               /* every key fits in JKEY_MAX */
  char empty[JKEY_MAX]; /* `,"kind":[]`, the kind without items (en bytes) */
  size_t en;            /* 0: its key does not fit */
} jkinds[FK__COUNT];
static pthread_once_t jkinds_once = PTHREAD_ONCE_INIT;

/* Fill jkinds from fact_kinds and kind_len from kind_names (once). */
static void jcols_init(void) {
  for (int k = 0; k < BK__COUNT; k++) kind_len[k] = strlen(kind_names[k]);
  for (size_t k = 0; k < FK__COUNT; k++) {
    const fact_kind *fk = &fact_kinds[k];
    jkinds[k].ok = 1;
    size_t kn = strlen(fk->json);
    if (kn + 6 <= JKEY_MAX) {
      char *e = jkinds[k].empty;
      e[0] = ',', e[1] = '"';
      memcpy(e + 2, fk->json, kn);
      memcpy(e + 2 + kn, "\":[]", 4);
      jkinds[k].en = kn + 6;
    }
    for (size_t c = 0; c < fk->ncols && c < FACT_MAX_COLUMNS; c++) {
      if (!fk->cols[c].json) continue;
      jcol *j = &jkinds[k].cols[jkinds[k].n++];
      size_t n = strlen(fk->cols[c].json);
      j->c = &fk->cols[c];
      if (n + 4 > JKEY_MAX) {
        jkinds[k].ok = 0;
        continue;
      }
      j->key[0] = ',', j->key[1] = '"';
      memcpy(j->key + 2, fk->cols[c].json, n);
      j->key[n + 2] = '"', j->key[n + 3] = ':';
      j->n = n + 4;
    }
  }
}

/*
** ---- each kind's writer, made from its fields (fact_schema.h) ----
** jw_<member> writes the JSON list of a kind that is not bare, as
** json_kind's column loop does, with the columns' types and offsets
** known when compiled (no column descriptor read, no type switch); the
** keys are jcols_init's. A string at the address of the column's last
** one (the figures of one sentence share its copy), or of the item's
** string before (a figure's unit as base_unit), is copied from its JSON
** in b rather than escaped again.
*/

/* Is a column with JSON key k in the JSON form (k not NULL)? A call,
** so that a key given as a literal draws no warning. */
static inline int jw_on(const char *k) {
  return k != NULL;
}

/* `,"key":` of column j at o, or `{"key":` for the first (after a comma
** from the second item i on); room for JKEY_MAX + 1 bytes at o. Past
** it. */
static inline char *jw_key_at(char *o, const jcol *j, int first, size_t i) {
  if (first) {
    if (i) *o++ = ',';
    *o++ = '{';
    memcpy(o, j->key + 1, JKEY_MAX - 1);
    return o + j->n - 1;
  }
  memcpy(o, j->key, JKEY_MAX);
  return o + j->n;
}

static inline void jw_key(buf *b, const jcol *j, int first, size_t i) {
  jend(b, jw_key_at(jroom(b, JKEY_MAX + 1), j, first, i));
}

/* The key of column j and null, in one room. */
static inline void jw_knull(buf *b, const jcol *j, int first, size_t i) {
  jend(b, jnull_at(jw_key_at(jroom(b, JKEY_MAX + 5), j, first, i)));
}

/* The key of column j and the integer v, in one room. */
static inline void jw_kint(buf *b, const jcol *j, int first, size_t i,
                           long long v) {
  jend(b, jint_at(jw_key_at(jroom(b, JKEY_MAX + 25), j, first, i), v));
}

/* The key of column j and jnum's v: a positive integer below 1e15 (the
** cast exact there) by its digits in the key's room (what jnum writes
** for it), any other number by jnum. */
static inline void jw_knum(buf *b, const jcol *j, int first, size_t i,
                           double v) {
  if (v > 0 && v < 1e15 && (double)(long long)v == v) {
    char *o = jw_key_at(jroom(b, JKEY_MAX + 25), j, first, i);
    jend(b, jdigits_at(o, (unsigned long long)v));
  } else {
    jw_key(b, j, first, i);
    jnum(b, v);
  }
}

/* A string column's value v in a document of valid UTF-8 strings (not
** NULL): a copy of the column's last string or of the item's string
** before (*prev), or escaped and kept in *last. */
static inline void jw_str_utf8(buf *b, const char *v, jlast *last,
                               const jlast **prev) {
  if (v == last->s) {
    jcopy(b, last);
  } else if (*prev && v == (*prev)->s) {
    jcopy(b, *prev);
    *last = **prev;
  } else {
    jstr_fresh(b, v, last);
  }
  *prev = last;
}

/* The key of column j and the string column's value v: null (the key's
** room), else as jw_str_utf8 or jstr_again write it. */
static inline void jw_kstr(buf *b, const jcol *j, int first, size_t i,
                           const char *v, jlast *last, const jlast **prev,
                           int utf8) {
  if (!v) {
    jw_knull(b, j, first, i);
    return;
  }
  jw_key(b, j, first, i);
  if (utf8)
    jw_str_utf8(b, v, last, prev);
  else
    jstr_again(b, v, last, 0);
}

/* Each type's key and value (column jc, the item's first when first). */
#define JW_STR(it, m) jw_kstr(b, jc, first, i, it->m, &last[c], &prev, d->utf8)
#define JW_NUM(it, m) jw_knum(b, jc, first, i, it->m)
#define JW_OPTNUM(it, m) \
  (it->has_##m ? jw_knum(b, jc, first, i, it->m) : jw_knull(b, jc, first, i))
#define JW_INT(it, m) jw_kint(b, jc, first, i, it->m)
#define JW_INT0(it, m) \
  (it->m ? jw_kint(b, jc, first, i, it->m) : jw_knull(b, jc, first, i))
#define JW_BLOCK(it, m) jw_kint(b, jc, first, i, it->m)
#define JW_STRS(it, m) \
  (jw_key(b, jc, first, i), jstrs(b, it->m.items, it->m.n, d->utf8))

#define JW_FIELD(m, type, sql, json, lua) \
  if (jw_on(json)) {                      \
    const jcol *jc = &jk->cols[c];        \
    int first = c == 0;                   \
    JW_##type(it, m);                     \
    c++;                                  \
  }

#define JW_KIND_0(T, m, FIELDS)                                      \
  static void jw_##m(const doc *d, buf *b, size_t ki) {              \
    const __typeof__(jkinds[0]) *jk = &jkinds[ki];                   \
    jlast last[FACT_MAX_COLUMNS];                                    \
    for (size_t c = 0; c < jk->n; c++) last[c].s = NULL;             \
    jchar(b, '[');                                                   \
    for (size_t i = 0; i < d->m.n; i++) {                            \
      const T *it = &d->m.items[i];                                  \
      const jlast *prev = NULL; /* the item's last string written */ \
      size_t c = 0;                                                  \
      FIELDS(JW_FIELD)                                               \
      (void)prev;                                                    \
      jchar(b, '}');                                                 \
    }                                                                \
    jchar(b, ']');                                                   \
  }
#define JW_KIND_1(T, m, FIELDS) /* bare: json_kind's loop */
#define JW_KIND(T, m, kind, table, json, lua, FIELDS, bare) \
  JW_KIND_##bare(T, m, FIELDS)
FACT_KINDS(JW_KIND)

/* The writers by kind (NULL for a bare kind). */
typedef void (*jw_fn)(const doc *d, buf *b, size_t ki);
#define JW_PTR_0(m)                                        jw_##m,
#define JW_PTR_1(m)                                        NULL,
#define JW_PTR(T, m, kind, table, json, lua, FIELDS, bare) JW_PTR_##bare(m)
static const jw_fn jw_kinds[FK__COUNT] = {FACT_KINDS(JW_PTR)};

/* The JSON list of kind k: objects of the columns that have a JSON key,
** or bare strings ("[]" at once when it has none). */
static void json_kind(const doc *d, size_t ki, buf *b, int slow) {
  const fact_kind *k = &fact_kinds[ki];
  if (fact_count(d, k) == 0) { /* most kinds of most documents */
    char *o = jroom(b, 2);
    *o++ = '[', *o++ = ']';
    jend(b, o);
    return;
  }
  if (!slow && jw_kinds[ki] && jkinds[ki].ok && jkinds[ki].n > 0 &&
      k->ncols <= FACT_MAX_COLUMNS) {
    jw_kinds[ki](d, b, ki);
    return;
  }
  jlast last[JLAST_COLS] = {{NULL, 0, 0}};
  jchar(b, '[');
  for (size_t i = 0; i < fact_count(d, k); i++) {
    const void *p = fact_item(d, k, i);
    if (i) jchar(b, ',');
    if (k->bare) {
      json_field(b, p, &k->cols[0], &last[0], d->utf8);
      continue;
    }
    int first = 1;
    jchar(b, '{');
    for (size_t c = 0; c < k->ncols; c++) {
      if (!k->cols[c].json) continue;
      jkey(b, k->cols[c].json, first), first = 0;
      json_field(b, p, &k->cols[c], &last[c % JLAST_COLS], d->utf8);
    }
    jchar(b, '}');
  }
  jchar(b, ']');
}

/* Is id (a doc's, 17 bytes) 16 bytes that JSON takes as they are
** (ASCII from 0x20 on, no '"' or '\\') and its NUL: what jstr writes
** between its quotes? The parser's ids are 16 hex digits. */
static int jid_plain(const char id[17]) {
  if (id[16]) return 0;
#ifdef __SSE2__
  __m128i w = _mm_loadu_si128((const __m128i *)(const void *)id);
  __m128i low = _mm_cmpeq_epi8(_mm_max_epu8(w, _mm_set1_epi8(0x1F)),
                               _mm_set1_epi8(0x1F)); /* below 0x20 */
  __m128i bad =
      _mm_or_si128(low, _mm_or_si128(_mm_cmpeq_epi8(w, _mm_set1_epi8('"')),
                                     _mm_cmpeq_epi8(w, _mm_set1_epi8('\\'))));
  /* the sign bits: bytes from 0x80 on */
  return (_mm_movemask_epi8(bad) | _mm_movemask_epi8(w)) == 0;
#else
  for (int i = 0; i < 16; i++) {
    unsigned char c = (unsigned char)id[i];
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return 0;
  }
  return 1;
#endif
}

/* doc_to_json; slow: the title and lead escaped with their check, every
** block escaped, every kind by json_kind's column loop (doc_to_json_ref,
** the reference for the tests). */
static void doc_json(const doc *d, buf *b, int slow) {
  if (slow || !jid_plain(d->id)) {
    buf_adds(b, "{\"id\":");
    jstr(b, d->id);
  } else { /* `{"id":"` and its 16 bytes as they are, in one room */
    char *o = jroom(b, 25);
    memcpy(o, "{\"id\":\"", 7);
    memcpy(o + 7, d->id, 16);
    o[23] = '"';
    jend(b, o + 24);
  }
  jkstr(b, "path", d->path);
  jdup dup[2] = {{NULL, 0, 0}, {NULL, 0, 0}}; /* the title's, the lead's */
  if (slow)
    jkstr(b, "title", d->title);
  else
    jkstr_block(b, d, "title", d->title, BK_TITLE, &dup[0]);
  jkstr(b, "published", d->published);
  jkstr(b, "author", d->author);
  jkstr(b, "site", d->site);
  if (slow)
    jkstr(b, "lead", d->lead);
  else
    jkstr_block(b, d, "lead", d->lead, BK_LEAD, &dup[1]);
  pthread_once(&jkinds_once, jcols_init);
  jkey(b, "blocks", 0), json_blocks(d, b, dup);
  for (size_t k = 0; k < FK__COUNT; k++) {
    if (jkinds[k].en) { /* `,"kind":[]`, or its key alone, in one copy */
      int none = fact_count(d, &fact_kinds[k]) == 0;
      char *o = jroom(b, JKEY_MAX);
      memcpy(o, jkinds[k].empty, JKEY_MAX);
      jend(b, o + jkinds[k].en - (none ? 0 : 2));
      if (none) continue;
    } else {
      jkey(b, fact_kinds[k].json, 0);
    }
    json_kind(d, k, b, slow);
  }
  jchar(b, '}');
}

void doc_to_json(const doc *d, buf *b) {
  doc_json(d, b, 0);
}

void doc_to_json_ref(const doc *d, buf *b) {
  doc_json(d, b, 1);
}
