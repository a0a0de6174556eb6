/*
** extract_refs.c — document references ("Nghị quyết 20-NQ/TU ngày
** 27/11/2023 của Tỉnh ủy"), periods ("nhiệm kỳ 2020 – 2025", "tầm nhìn
** đến năm 2050", "trước năm 2020") and congresses ("Đại hội Đảng bộ thành
** phố lần thứ XXIV, nhiệm kỳ 2020-2025").
**
** Tokens a fact consumes are marked in x->used so the figure extractor
** never reads a document number, a date or a year range as a figure.
*/
#include <stdio.h>
#include <string.h>

#include "extract_int.h"
#include "text.h"

/* Document kinds that may head a number, longest first per first word
** (data/ref-kinds.txt; the first KINDS_MAX). */
#define KINDS_MAX 32
static const char *ref_kinds[KINDS_MAX + 1];

static uint32_t kind_hash[KINDS_MAX]; /* word hash of each kind's first word */
/* bit k set in kind_bucket[kind_hash[k] & 63]: the kinds a word may start,
** in file order (a kind of another bucket has another first-word hash) */
static uint32_t kind_bucket[64];
static size_t kind_words[KINDS_MAX];    /* the words of each kind */
static uint32_t kind_second[KINDS_MAX]; /* second_hash of each kind */
_Static_assert(KINDS_MAX <= 32, "a kind's bit in a uint32_t");

/* The period terms (data/period-terms.txt) hashed by extract_refs_init
** and the word hash of the first word of each of the first TERMS_MAX: a
** token of another hash starts none of them (xt_phrase compares only
** the first letter's case loosely, which the hash folds too). */
#define TERMS_MAX 16
static const char *const *period_terms;
static uint32_t term_hash[TERMS_MAX];
static uint32_t term_second[TERMS_MAX]; /* second_hash of each */

/* Kind from the type code of a number ("NQ" in 20-NQ/TU):
** data/ref-codes.tsv. */
static const lex_pair *ref_codes;

static int congress_ordinal(const xsent *x, size_t j, size_t *at);

/* The word hash of the second word of phrase p, 0 when p is one word. */
static uint32_t second_hash(const char *p) {
  const char *w = strchr(p, ' ');
  return w ? lexicon_word_hash(w + 1, strcspn(w + 1, " ")) : 0;
}

/* May xt_phrase(x, i, p) be nonzero as far as token i + 1 tells, h2 being
** second_hash(p)? xt_phrase wants p's second word as written there, so a
** word token of another hash (or none) says no. */
static inline int second_may(const xsent *x, size_t i, uint32_t h2) {
  if (!h2) return 1;
  if (i + 1 >= x->n) return 0;
  return x->t[i + 1].type != T_WORD || x->t[i + 1].h == h2;
}

static int count_words(const char *s) {
  int w = 1;
  for (; *s; s++)
    if (*s == ' ') w++;
  return w;
}

/* A code word of a document number: its first two letters are capitals
** ("NQ", "QH13", "TTg", "QĐi"). */
static int code_word(const xsent *x, size_t j) {
  const tok *t = &x->t[j];
  if (t->type != T_WORD || !(t->flags & TF_UPPER)) return 0;
  if (t->flags & TF_CAPS) return 1;
  const char *s = x->s + t->off;
  size_t k = 0;
  int32_t cp;
  for (int n = 0; n < 2; n++) {
    if (k >= t->len) return 0;
    k += (size_t)text_decode(s + k, t->len - k, &cp);
    if (!text_is_upper(cp)) return 0;
  }
  return 1;
}

/* Is token j a '-' or '/' glued to the token before it (the second token
** of every document number, doc_number)? j may be x->n (no token: 0). */
static inline int number_glue(const tok *t, size_t j, size_t n) {
  return j < n && t[j].type == T_PUNCT && !(t[j].flags & TF_SPACE) &&
         (t[j].cp == '-' || t[j].cp == '/');
}

/*
** A document number at token i: NUM glued to '-' or '/' and code words
** ("20-NQ/TU", "108/2014/NĐ-CP", "103/2016/QH13"). Returns the token
** count, points *code at the first code word and sets *strong when the
** shape alone says "document" (two code words or a year part); a single
** unknown code ("2-DIN", "64-Apache") needs a kind word before it.
*/
static size_t doc_number(const xsent *x, size_t i, size_t *code, int *strong) {
  if (i >= x->n || x->t[i].type != T_NUM || !number_glue(x->t, i + 1, x->n))
    return 0; /* what the walk below finds too: no code word, or no glue */
  size_t j = i + 1;
  int codes = 0, year = 0;
  *code = 0;
  while (j < x->n && !(x->t[j].flags & TF_SPACE)) {
    const tok *t = &x->t[j];
    if (t->type == T_PUNCT) {
      if (!(t->cp == '-' || t->cp == '/')) break;
      if (j + 1 >= x->n || (x->t[j + 1].flags & TF_SPACE) ||
          x->t[j + 1].type == T_PUNCT)
        break;
    } else if (t->type == T_WORD) {
      if (!code_word(x, j)) return 0;
      if (!*code) *code = j;
      codes++;
    } else if (xt_year(x, j))
      year = 1;
    j++;
  }
  if (!*code || !(xt_punct(x, i + 1, '-') || xt_punct(x, i + 1, '/'))) return 0;
  *strong = codes >= 2 || year;
  return j - i;
}

static const char *kind_from_code(const xsent *x, size_t code) {
  const tok *t = &x->t[code];
  const char *s = x->s + t->off;
  const char *best = NULL;
  size_t bestn = 0;
  for (int k = 0; ref_codes[k].key; k++) {
    size_t n = strlen(ref_codes[k].key);
    if (n <= t->len && n > bestn && memcmp(s, ref_codes[k].key, n) == 0 &&
        (n == t->len || (s[n] >= '0' && s[n] <= '9') ||
         strcmp(ref_codes[k].key, "QĐi") == 0 || n == t->len)) {
      best = ref_codes[k].val;
      bestn = n;
    }
  }
  return best;
}

/* The issuer after "của" at token i: a lexicon issuer (longest match)
** or a capitalised run. Returns token count; *canon gets the text. */
static size_t issuer_at(xsent *x, size_t i, char **canon) {
  const lex_entry *e;
  int k = xt_lookup(x, i, &x->x->lx->issuers, &e);
  if (k) {
    /* keep a trailing "tỉnh"/"thành phố" the list does not hold */
    size_t j = i + (size_t)k;
    *canon = xt_span(x, i, j);
    return (size_t)k;
  }
  size_t j = i, lastcap = 0;
  while (j < x->n && x->t[j].type == T_WORD && j - i < 12) {
    if (x->t[j].flags & (TF_UPPER | TF_CAPS))
      lastcap = j + 1;
    else if (!(xt_is(x, j, "tỉnh") || xt_is(x, j, "thành") ||
               xt_is(x, j, "phố") || xt_is(x, j, "huyện") ||
               xt_is(x, j, "hành") || xt_is(x, j, "bộ") || xt_is(x, j, "vụ") ||
               xt_is(x, j, "trị") || xt_is(x, j, "phủ") || xt_is(x, j, "ủy")))
      break;
    j++;
  }
  if (!lastcap || !(x->t[i].flags & (TF_UPPER | TF_CAPS))) return 0;
  /* trailing admin level words count: "Đảng bộ tỉnh" */
  while (lastcap < j && (xt_is(x, lastcap, "tỉnh") || xt_is(x, lastcap, "bộ") ||
                         xt_is(x, lastcap, "ủy")))
    lastcap++;
  *canon = xt_span(x, i, lastcap);
  return lastcap - i;
}

static void mark(xsent *x, size_t i, size_t j) {
  for (; i < j && i < x->n; i++) x->used[i] = 1;
}

/* Find or add the ref with this key; fill fields it lacks. */
static void add_ref(xsent *x, doc_ref r, const char *key) {
  int isnew;
  uint64_t h = util_hash64(key, strlen(key));
  int *slot = hmap_slot(&x->x->refs, h, &isnew);
  if (!isnew) {
    doc_ref *o = &x->d->refs.items[*slot - 1];
    if (!o->date) o->date = r.date;
    if (!o->issuer) o->issuer = r.issuer;
    if (!o->kind) o->kind = r.kind;
    return;
  }
  VEC_PUSH(x->d->refs, r);
  *slot = (int)x->d->refs.n;
}

/* A kind phrase ending just before token `end`; returns its first token
** index through *start, and the kind (canonical spelling) or NULL. */
static const char *kind_before(const xsent *x, size_t end, size_t *start) {
  for (int k = 0; ref_kinds[k]; k++) {
    size_t w = kind_words[k];
    /* a word of another hash starts no such kind (as in named_ref); a
    ** number or punctuation (hash 0) is asked as before */
    if (end < w || (x->t[end - w].h && kind_hash[k] != x->t[end - w].h) ||
        !second_may(x, end - w, kind_second[k]))
      continue;
    if (xt_phrase(x, end - w, ref_kinds[k]) == (int)w) {
      *start = end - w;
      return ref_kinds[k];
    }
  }
  return NULL;
}

/*
** A reference at the document number starting at token i. Looks back for
** "<Kind> [số]" and forward for "[,] ngày <date>" and "của <issuer>".
*/
static size_t ref_at(xsent *x, size_t i) {
  size_t code;
  int strong;
  size_t nn = doc_number(x, i, &code, &strong);
  if (!nn) return 0;
  doc_ref r = {0};
  size_t start = i, end = i + nn;
  size_t k = i;
  if (k > 0 && xt_isci(x, k - 1, "số")) k--;
  size_t ks;
  const char *kind = kind_before(x, k, &ks);
  if (kind) {
    start = ks;
    r.kind = (char *)kind;
  } else {
    r.kind = (char *)kind_from_code(x, code);
    if (!r.kind && !strong) return 0; /* "2-DIN", "96/Instagram" */
    if (k < i) start = k;             /* "số 53/GP-TTĐT" */
  }
  r.number = xt_span(x, i, i + nn);
  size_t j = end;
  if (xt_punct(x, j, ',')) j++;
  if (xt_is(x, j, "ngày")) {
    char iso[11];
    int dn = xt_date(x, j + 1, iso);
    if (dn) {
      r.date = doc_str(x->d, iso, 10);
      end = j = j + 1 + (size_t)dn;
    }
  }
  if (xt_is(x, j, "của")) {
    char *iss = NULL;
    size_t in = issuer_at(x, j + 1, &iss);
    if (in) {
      r.issuer = iss;
      end = j + 1 + in;
    }
  }
  r.text = xt_span(x, start, end);
  mark(x, start, end);
  add_ref(x, r, r.number);
  return end - i;
}

/* ---- periods ---- */

static int is_dash(const xsent *x, size_t i) {
  return i < x->n && x->t[i].type == T_PUNCT &&
         (x->t[i].cp == '-' || x->t[i].cp == 0x2013 || x->t[i].cp == 0x2014);
}

/* "2020-2025", "2020 – 2025" at token i: returns tokens (3) or 0. */
static int year_range(const xsent *x, size_t i, int *from, int *to) {
  int a = xt_year(x, i);
  if (!a || !is_dash(x, i + 1)) return 0;
  int b = xt_year(x, i + 2);
  if (!b || b <= a || b - a > 100) return 0;
  if (i + 3 < x->n && xt_punct(x, i + 3, '/')) return 0;
  *from = a;
  *to = b;
  return 3;
}

static void add_period(xsent *x, size_t i, size_t j, const char *kind, int from,
                       int to, int ordinal) {
  char key[64];
  int n = snprintf(key, sizeof key, "%s|%d|%d|%d", kind, from, to, ordinal);
  int isnew;
  hmap_slot(&x->x->periods, util_hash64(key, (size_t)n), &isnew);
  mark(x, i, j);
  if (!isnew) return;
  doc_period p = {xt_span(x, i, j), (char *)kind, from, to, ordinal};
  VEC_PUSH(x->d->periods, p);
}

/* Skip an opening quote or bracket at i. */
static size_t skip_open(const xsent *x, size_t i) {
  while (i < x->n && x->t[i].type == T_PUNCT &&
         (x->t[i].cp == 0x201C || x->t[i].cp == '"' || x->t[i].cp == '('))
    i++;
  return i;
}

/* "nhiệm kỳ|giai đoạn|thời kỳ a–b" at i, then "(a–b)" alternatives. */
static size_t period_kw(xsent *x, size_t i, const char **lastkind) {
  const char *const *kws = x->x->lx->lists[LEX_PERIOD_TERMS];
  int hashed = kws == period_terms;
  for (int k = 0; kws[k]; k++) {
    if (hashed && k < TERMS_MAX &&
        (term_hash[k] != x->t[i].h || !second_may(x, i, term_second[k])))
      continue;
    int w = xt_phrase(x, i, kws[k]);
    if (!w) continue;
    size_t j = skip_open(x, i + (size_t)w);
    int from, to;
    if (xt_is(x, j, "từ")) j++;
    if (xt_is(x, j, "năm")) j++;
    int rn = year_range(x, j, &from, &to);
    if (!rn) return 0;
    size_t e = j + (size_t)rn;
    if (xt_punct(x, j - 1, 0x201C) && xt_punct(x, e, 0x201D)) e++;
    add_period(x, i, e, kws[k], from, to, 0);
    *lastkind = kws[k];
    return e - i;
  }
  return 0;
}

/* "tầm nhìn [đến] [năm] 2050" / "đến [hết] năm 2025" / "trước năm 2020" */
static size_t target_at(xsent *x, size_t i) {
  size_t j = i;
  const char *kind;
  int w;
  /* each phrase's second word is compared exactly: a cheap xt_is on it
  ** (which also accepts what xt_phrase refuses) comes first */
  int nam = xt_is(x, i + 1, "năm");
  if (xt_is(x, i + 1, "nhìn") && (w = xt_phrase(x, i, "tầm nhìn"))) {
    kind = "tầm nhìn";
    j += (size_t)w;
    if (xt_is(x, j, "đến")) j++;
    if (xt_is(x, j, "năm")) j++;
  } else if ((xt_is(x, i + 1, "hết") && (w = xt_phrase(x, i, "đến hết năm"))) ||
             (nam && (w = xt_phrase(x, i, "đến năm")))) {
    kind = "đến năm";
    j += (size_t)w;
  } else if (nam && (w = xt_phrase(x, i, "trước năm"))) {
    kind = "trước năm";
    j += (size_t)w;
  } else
    return 0;
  int y = xt_year(x, j);
  if (!y || xt_punct(x, j + 1, '/') || is_dash(x, j + 1)) return 0;
  add_period(x, i, j + 1, kind, 0, y, 0);
  return j + 1 - i;
}

/* One congress per ordinal; a later mention may add its term. */
static void add_congress(xsent *x, size_t i, size_t end, int ord, int from,
                         int to) {
  char key[32];
  int n = snprintf(key, sizeof key, "congress|%d", ord);
  int isnew;
  int *slot = hmap_slot(&x->x->periods, util_hash64(key, (size_t)n), &isnew);
  if (isnew) {
    doc_period p = {xt_span(x, i, end), "đại hội", from, to, ord};
    VEC_PUSH(x->d->periods, p);
    *slot = (int)x->d->periods.n;
  } else if (from && *slot) {
    doc_period *p = &x->d->periods.items[*slot - 1];
    if (!p->from) {
      p->from = from;
      p->to = to;
      p->text = xt_span(x, i, end);
    }
  }
}

/*
** "Đại hội ... lần thứ XXIV[, nhiệm kỳ 2020-2025]" or "Đại hội XIV": the
** ordinal within 10 words after "Đại hội" in the same clause.
*/
static size_t congress_at(xsent *x, size_t i) {
  int w = xt_is(x, i + 1, "hội") ? xt_phrase(x, i, "Đại hội") : 0;
  if (!w || !(x->t[i].flags & TF_UPPER)) return 0;
  size_t j = 0;
  int ord = congress_ordinal(x, i + (size_t)w, &j);
  if (!ord || ord > 100) return 0;
  size_t end = j + 1;
  int from = 0, to = 0;
  size_t k = end;
  if (xt_punct(x, k, ',') || xt_punct(x, k, '(')) k++;
  int pw = xt_phrase(x, k, "nhiệm kỳ");
  if (pw) {
    int rn = year_range(x, k + (size_t)pw, &from, &to);
    if (rn) end = k + (size_t)pw + (size_t)rn;
    if (rn && xt_punct(x, end, ')') &&
        xt_punct(x, end - (size_t)rn - pw - 1, '('))
      end++;
  }
  add_congress(x, i, end, ord, from, to);
  /* the term itself is also a period; leave its tokens to period_kw */
  mark(x, i, j + 1);
  return j + 1 - i;
}

/*
** Ordinal of the congress named from token j (just after "Đại hội"):
** "lần thứ XXIV" or a Roman numeral within 12 words of the clause.
** Returns it (0: none) and the index of the numeral token in *at.
*/
static int congress_ordinal(const xsent *x, size_t j, size_t *at) {
  size_t lim = j + 12;
  while (j < x->n && j < lim && x->t[j].type == T_WORD) {
    if (xt_phrase(x, j, "lần thứ")) {
      j += 2;
      *at = j;
      if (j < x->n && x->t[j].type == T_WORD && (x->t[j].flags & TF_CAPS))
        return xt_roman(x->s + x->t[j].off, x->t[j].len);
      if (j < x->n && x->t[j].type == T_NUM) {
        /* "lần thứ 14"; a number no ordinal is ("lần thứ 8888…8", past
        ** INT_MAX: its conversion was undefined) gives none */
        double v = xt_number(x->s + x->t[j].off, x->t[j].len);
        return v >= 1 && v < 1000 ? (int)v : 0;
      }
      return 0;
    }
    int ord;
    if ((x->t[j].flags & (TF_CAPS | TF_UPPER)) &&
        (ord = xt_roman(x->s + x->t[j].off, x->t[j].len))) {
      *at = j;
      return ord;
    }
    j++;
  }
  return 0;
}

/*
** A reference without a document number: "Nghị quyết Đại hội XI của
** Đảng", "Nghị quyết XXII Đại hội ...", "Đề án 25", "Quyết định của UBND
** Tỉnh". The kind must be capitalised. Consumes only the kind words (the
** congress is read again as a period).
*/
static size_t named_ref(xsent *x, size_t i) {
  if (!(x->t[i].flags & TF_UPPER)) return 0;
  const char *kind = NULL;
  size_t w = 0;
  /* the kinds in file order, those of another first word passed */
  for (uint32_t m = kind_bucket[x->t[i].h & 63]; m && !kind; m &= m - 1) {
    int k = __builtin_ctz(m);
    if (kind_hash[k] == x->t[i].h && second_may(x, i, kind_second[k]) &&
        (w = (size_t)xt_phrase(x, i, ref_kinds[k])))
      kind = ref_kinds[k];
  }
  if (!kind) return 0;
  size_t j = i + w, end = 0, at = 0;
  char key[96];
  int ord = 0;
  doc_ref r = {0};
  r.kind = (char *)kind;
  if (j + 2 < x->n && (x->t[j].flags & TF_CAPS) &&
      (ord = xt_roman(x->s + x->t[j].off, x->t[j].len)) &&
      xt_phrase(x, j + 1, "Đại hội")) {
    add_congress(x, j, j + 3, ord, 0, 0);
    end = j + 3; /* "Nghị quyết XXII Đại hội" + its body */
    while (end < x->n && x->t[end].type == T_WORD && end - j < 9 &&
           !xt_is(x, end, "đề") && !xt_is(x, end, "và") &&
           !xt_is(x, end, "của"))
      end++;
  } else if (xt_is(x, j + 1, "hội") && xt_phrase(x, j, "Đại hội")) {
    if ((ord = congress_ordinal(x, j + 2, &at))) end = at + 1;
  } else {
    size_t k = j;
    if (xt_is(x, k, "số")) k++;
    if (k < x->n && x->t[k].type == T_NUM && (x->t[k].flags & TF_SPACE) &&
        !xt_year(x, k) && x->t[k].len <= 5 &&
        !(k + 1 < x->n && x->t[k + 1].type == T_PUNCT &&
          !(x->t[k + 1].flags & TF_SPACE) &&
          (x->t[k + 1].cp == '/' || x->t[k + 1].cp == '-'))) {
      r.number = xt_span(x, k, k + 1);
      end = k + 1;
      x->used[k] = 1;
    }
  }
  if (!end && !xt_is(x, j, "của")) return 0;
  if (!end) end = j;
  if (xt_is(x, end, "của")) {
    char *iss = NULL;
    size_t in = issuer_at(x, end + 1, &iss);
    if (in) {
      r.issuer = iss;
      end = end + 1 + in;
    } else if (end == j)
      return 0;
  }
  r.text = xt_span(x, i, end);
  if (r.number)
    snprintf(key, sizeof key, "%s|%s", kind, r.number);
  else if (ord)
    snprintf(key, sizeof key, "%s|congress %d", kind, ord);
  else
    snprintf(key, sizeof key, "%s|of %.60s", kind, r.issuer ? r.issuer : "");
  add_ref(x, r, key);
  return w;
}

#define REF_BITS (TR_REF | TR_CONGRESS | TR_PERIOD | TR_TARGET)

/* A token ref_next passes while no '(' is sought: no number, and no
** TR_REF/CONGRESS/PERIOD/TARGET bit (a word with one is where it stops;
** punctuation carries none, and is passed even so). */
static inline int ref_skip(const tok *t) {
  return t->type != T_NUM && !(t->trig & REF_BITS);
}

_Static_assert(T_WORD == 0 && T_NUM == 1 && T_PUNCT == 2,
               "a number is the only type with bit 0");

/* ref_skip of the four tokens t[0..3], their types and bits ORed (a
** number is the one type with bit 0). */
static inline int ref_skip4(const tok *t) {
  return !((t[0].trig | t[1].trig | t[2].trig | t[3].trig) & REF_BITS) &&
         !((t[0].type | t[1].type | t[2].type | t[3].type) & T_NUM);
}

/* May the loop of extract_refs act on word token t, which has a
** TR_REF/CONGRESS/PERIOD/TARGET bit? A document kind (named_ref) and
** "Đại hội" (congress_at) are capitalised; a period term (period_kw) or
** a target (target_at) may be in lower case. 0: the loop passes it
** ("quyết", "kế", "đại" in a clause). */
static inline int ref_word_may(const tok *t) {
  return (t->flags & TF_UPPER) || (t->trig & (TR_PERIOD | TR_TARGET));
}

/* The first token from i that the loop of extract_refs may act on: a
** number not yet used with a '-' or '/' glued after it (number_glue: the
** others start no document number, doc_number), a word with a
** TR_REF/CONGRESS/PERIOD/TARGET bit that ref_word_may lets through, or a
** '(' once a period kind was seen; x->n when none. Every token it passes
** the loop would pass with i++ and nothing else. */
static size_t ref_next(const xsent *x, size_t i, int paren) {
  const tok *t = x->t;
  const uint8_t *used = x->used;
  size_t n = x->n;
  if (!paren) /* no '(' sought: ref_skip's tokens four a step */
    for (;; i++) {
      while (i + 4 <= n && ref_skip4(&t[i])) i += 4;
      while (i < n && ref_skip(&t[i])) i++;
      if (i >= n ||
          (t[i].type == T_NUM ? !used[i] && number_glue(t, i + 1, n)
                              : t[i].type == T_WORD && ref_word_may(&t[i])))
        return i;
    }
  for (; i < n; i++) {
    const tok *tk = &t[i];
    if (tk->type == T_WORD) {
      if ((tk->trig & REF_BITS) && ref_word_may(tk)) break;
    } else if (tk->type == T_NUM) {
      if (!used[i] && number_glue(t, i + 1, n)) break;
    } else if (paren && tk->cp == '(')
      break;
  }
  return i;
}

void extract_refs(xsent *x) {
  const char *lastkind = NULL;
  for (size_t i = ref_next(x, 0, 0); i < x->n; i = ref_next(x, i, !!lastkind)) {
    size_t k;
    if (x->t[i].type == T_NUM && !x->used[i] && (k = ref_at(x, i))) {
      i += k;
      continue;
    }
    if (x->t[i].type != T_WORD) {
      /* "(2016-2021)" right after a period of the same kind */
      int from, to, rn;
      if (lastkind && xt_punct(x, i, '(') &&
          (rn = year_range(x, i + 1, &from, &to)) &&
          xt_punct(x, i + 1 + (size_t)rn, ')')) {
        add_period(x, i + 1, i + 1 + (size_t)rn, lastkind, from, to, 0);
        i += (size_t)rn + 2;
        continue;
      }
      i++;
      continue;
    }
    unsigned bits = xt_bits(x, i);
    if (((bits & TR_REF) && (k = named_ref(x, i))) ||
        ((bits & TR_CONGRESS) && (k = congress_at(x, i))) ||
        ((bits & TR_PERIOD) && (k = period_kw(x, i, &lastkind))) ||
        ((bits & TR_TARGET) && (k = target_at(x, i)))) {
      i += k;
      continue;
    }
    i++;
  }
}

void extract_refs_init(void) {
  const lexicon *lx = lexicon_get();
  const char *const *kinds = lx->lists[LEX_REF_KINDS];
  ref_codes = lx->pairs[LEX_REF_CODES];
  for (int k = 0; kinds[k] && k < KINDS_MAX; k++) {
    ref_kinds[k] = kinds[k];
    kind_hash[k] = lexicon_word_hash(kinds[k], strcspn(kinds[k], " "));
    kind_bucket[kind_hash[k] & 63] |= 1u << k;
    kind_words[k] = (size_t)count_words(kinds[k]);
    kind_second[k] = second_hash(kinds[k]);
  }
  period_terms = lx->lists[LEX_PERIOD_TERMS];
  for (int k = 0; period_terms[k] && k < TERMS_MAX; k++) {
    term_hash[k] =
        lexicon_word_hash(period_terms[k], strcspn(period_terms[k], " "));
    term_second[k] = second_hash(period_terms[k]);
  }
}
