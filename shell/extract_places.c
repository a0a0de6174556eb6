/*
** extract_places.c — places: gazetteer names (data/gazetteer.tsv, with
** aliases: "KKT Cửa khẩu Móng Cái" -> "KKTCK Móng Cái") and names after an
** administrative prefix ("xã Quảng Nghĩa", "huyện Tiên Yên"), counted
** once per mention under their canonical name.
*/
#include <string.h>

#include "extract_int.h"
#include "segment.h"

/* Prefixes that make the capitalised run after them a place, with the
** place kind (data/place-prefixes.tsv; the first PREFIX_MAX). */
#define PREFIX_MAX 16
static lex_pair prefixes[PREFIX_MAX + 1];

static uint32_t
    prefix_hash[PREFIX_MAX]; /* word hash of each prefix's first word */
static uint8_t prefix_one[PREFIX_MAX]; /* the prefix is one word */
/* word hash of each prefix's second word, 0 for a prefix of one word */
static uint32_t prefix_second[PREFIX_MAX];
/* bit p set in prefix_bucket[prefix_hash[p] & 63]: the prefixes a word
** may start, in file order (a prefix of another bucket has another hash,
** which prefix_at would refuse) */
static uint16_t prefix_bucket[64];
_Static_assert(PREFIX_MAX <= 16, "a prefix's bit in a uint16_t");

/* Count a mention of place name[0..n) (map hash h: seg_hash of it). */
static void add_place_h(xsent *x, const char *name, size_t n, uint64_t h,
                        const char *kind) {
  int isnew;
  int *slot = hmap_slot(&x->x->places, h, &isnew);
  if (isnew) {
    doc_place p = {doc_str(x->d, name, n),
                   kind ? doc_str(x->d, kind, strlen(kind)) : NULL, 0};
    VEC_PUSH(x->d->places, p);
    *slot = (int)x->d->places.n;
  }
  x->d->places.items[*slot - 1].mentions++;
}

static void add_place(xsent *x, const char *name, size_t n, const char *kind) {
  add_place_h(x, name, n, seg_hash(name, n), kind);
}

/* The length and map hash of a gazetteer entry's name, kept per thread
** by entry (the lexicon's entries live as long as the process). */
typedef struct name_memo {
  const lex_entry *e;
  size_t n;
  uint64_t h;
} name_memo;
static _Thread_local name_memo name_memos[256];

/* add_place of gazetteer entry e's name and kind. */
static void add_entry(xsent *x, const lex_entry *e) {
  name_memo *m = &name_memos[((uintptr_t)e >> 5) & 255];
  if (m->e != e) {
    m->e = e;
    m->n = strlen(e->val);
    m->h = seg_hash(e->val, m->n);
  }
  add_place_h(x, e->val, m->n, m->h, e->kind);
}

/* word lists from data/ (lexicon.h), set up by extract_places_init:
** lower-case words that may start a gazetteer name ("khu kinh tế Vân
** Đồn", "vịnh Hạ Long"), and words before a place name that make it part
** of an organisation's name ("Trường THCS Cẩm Thành") */
static xwords ws_lower_heads, ws_org_words;

static int in_list(const xsent *x, size_t i, const xwords *ws) {
  return xt_in(x, i, ws);
}

/* Bit (h & 63) of each word hash of ws_lower_heads (ws_org_words): a
** token whose hash has no bit here has no word's hash, and xt_in would
** say no. */
static uint64_t heads_mask, org_mask;

/* The mask of the word hashes of ws (bit h & 63 of each). */
static uint64_t words_mask(const xwords *ws) {
  uint64_t m = 0;
  for (size_t k = 0; k < sizeof ws->keys / sizeof *ws->keys; k++)
    if (ws->keys[k]) m |= 1ull << (ws->keys[k] & 63);
  return m;
}

/* Is token i one of ws_org_words (in_list), told at once for a token of
** another hash? */
static int org_word(const xsent *x, size_t i) {
  return (org_mask >> (x->t[i].h & 63) & 1) && in_list(x, i, &ws_org_words);
}

/* Is word token i one of ws_lower_heads (in_list), told at once for a
** token of another hash? */
static int lower_head(const xsent *x, size_t i) {
  return (heads_mask >> (x->t[i].h & 63) & 1) && in_list(x, i, &ws_lower_heads);
}

static int name_syllable(const tok *t) {
  return t->type == T_WORD && (t->flags & TF_UPPER) &&
         !(t->flags & (TF_CAPS | TF_DIGITS));
}

/*
** A list of names after "xã, phường:" from token j: capitalised runs (or
** gazetteer names) separated by commas. Returns the token after it.
*/
static size_t place_list(xsent *x, size_t j, const char *kind) {
  const lex_table *g = &x->x->lx->places;
  size_t last = j;
  while (j < x->n) {
    const lex_entry *e;
    int k = (x->t[j].trig & TR_GAZ) ? xt_lookup(x, j, g, &e) : 0;
    size_t b = j;
    if (k) {
      add_entry(x, e);
      b = j + (size_t)k;
    } else {
      while (b < x->n && b - j < 4 && name_syllable(&x->t[b])) b++;
      if (b == j) break;
      add_place(x, x->s + x->t[j].off, xt_end(x, b) - x->t[j].off, kind);
    }
    last = b;
    if (!xt_punct(x, b, ',')) break;
    j = b + 1;
  }
  return last;
}

/* A gazetteer name at word token i (capitalised, or after a lower-case
** head such as "khu"): added unless an organisation word precedes it.
** Returns its token count, 0 when none. */
static int gazetteer_at(xsent *x, size_t i) {
  const tok *t = &x->t[i];
  const lex_entry *e;
  int k;
  if (!(t->trig & TR_GAZ) ||
      !((t->flags & (TF_UPPER | TF_CAPS)) || lower_head(x, i)) ||
      !(k = xt_lookup(x, i, &x->x->lx->places, &e)))
    return 0;
  if (!(i > 0 && org_word(x, i - 1))) add_entry(x, e);
  return k;
}

/* Token i is the one-word phrase w, byte for byte (xt_phrase's 1 then;
** 0 tells nothing: ask xt_phrase). */
static int same_word(const xsent *x, size_t i, const char *w) {
  const char *s = x->s + x->t[i].off;
  size_t n = x->t[i].len, k = 0;
  while (k < n && w[k] && w[k] == s[k]) k++;
  return n && k == n && !w[n];
}

/* Tokens of prefix p at i, 0 when it is not there. "Xã Tắc" (a name) is
** not "xã Tắc": the prefix's case must match unless the token starts the
** sentence or follows '-' or '+'. */
static int prefix_at(const xsent *x, size_t i, int p, int initial) {
  if (prefix_hash[p] != x->t[i].h) return 0; /* cheap first-word test */
  /* xt_phrase wants the second word as written: a word token of another
  ** hash (or none) is not it */
  if (prefix_second[p] &&
      (i + 1 >= x->n ||
       (x->t[i + 1].type == T_WORD && x->t[i + 1].h != prefix_second[p])))
    return 0;
  int w = prefix_one[p] && same_word(x, i, prefixes[p].key)
              ? 1
              : xt_phrase(x, i, prefixes[p].key);
  int upper = prefixes[p].key[0] >= 'A' && prefixes[p].key[0] <= 'Z';
  if (w && !initial && upper != !!(x->t[i].flags & TF_UPPER)) return 0;
  return w;
}

/*
** The place(s) after prefix p, which spans w tokens from i: a list after
** ':' ("các xã, phường: Trần Phú, Ninh Dương"), else a run of name
** syllables unless a gazetteer name starts there (the next round finds
** it). Returns the last token used (i when none).
*/
static size_t after_prefix(xsent *x, size_t i, int p, int w) {
  const lex_entry *e;
  size_t a = i + (size_t)w, b;
  while (xt_punct(x, a, ',') && a + 1 < x->n && (xt_bits(x, a + 1) & TR_PLACE))
    a += 2;
  if (xt_punct(x, a, ':')) {
    size_t end = place_list(x, a + 1, prefixes[p].val);
    if (end > a + 1) return end - 1;
  }
  b = a = i + (size_t)w;
  if (b < x->n && xt_lookup(x, b, &x->x->lx->places, &e)) return i;
  while (b < x->n && b - a < 4 && name_syllable(&x->t[b]) &&
         (x->t[b].flags & TF_SPACE))
    b++;
  if (b > a && !(b < x->n && name_syllable(&x->t[b]))) {
    add_place(x, x->s + x->t[a].off, xt_end(x, b) - x->t[a].off,
              prefixes[p].val);
    return b - 1;
  }
  return i;
}

#define PLACE_BITS (TR_GAZ | TR_PLACE)

/* The first word token from i with a TR_GAZ or TR_PLACE bit (x->n when
** none): extract_places passes every other token with nothing done.
** Four tokens a step while none of them has such a bit (their bits ORed:
** a token without one is never that word, whatever its type); one that
** has it and is no word is passed too. */
static inline size_t place_next(const xsent *x, size_t i) {
  const tok *t = x->t;
  size_t n = x->n;
  for (;; i++) {
    while (i + 4 <= n &&
           !((t[i].trig | t[i + 1].trig | t[i + 2].trig | t[i + 3].trig) &
             PLACE_BITS))
      i += 4;
    while (i < n && !(t[i].trig & PLACE_BITS)) i++;
    if (i >= n || t[i].type == T_WORD) return i;
  }
}

void extract_places(xsent *x) {
  for (size_t i = place_next(x, 0); i < x->n; i = place_next(x, i + 1)) {
    int k = gazetteer_at(x, i);
    if (k) {
      i += (size_t)k - 1;
      continue;
    }
    if (!(xt_bits(x, i) & TR_PLACE)) continue;
    int initial = i == 0 || (x->t[i - 1].type == T_PUNCT &&
                             (x->t[i - 1].cp == '-' || x->t[i - 1].cp == '+'));
    /* the prefixes in file order, those of another first word passed */
    for (unsigned m = prefix_bucket[x->t[i].h & 63]; m; m &= m - 1) {
      int p = __builtin_ctz(m);
      int w = prefix_at(x, i, p, initial);
      if (w) {
        i = after_prefix(x, i, p, w);
        break;
      }
    }
  }
}

void extract_places_init(void) {
  const lex_pair *pre = lexicon_get()->pairs[LEX_PLACE_PREFIXES];
  for (int p = 0; pre[p].key && p < PREFIX_MAX; p++) {
    prefixes[p] = pre[p];
    size_t n = strcspn(prefixes[p].key, " ");
    prefix_hash[p] = lexicon_word_hash(prefixes[p].key, n);
    prefix_one[p] = !prefixes[p].key[n];
    if (!prefix_one[p]) {
      const char *w2 = prefixes[p].key + n + 1;
      prefix_second[p] = lexicon_word_hash(w2, strcspn(w2, " "));
    }
    prefix_bucket[prefix_hash[p] & 63] |= (uint16_t)(1u << p);
  }
  xwords_load(&ws_lower_heads, LEX_PLACE_HEADS, 1);
  heads_mask = words_mask(&ws_lower_heads);
  xwords_load(&ws_org_words, LEX_ORG_WORDS, 1);
  org_mask = words_mask(&ws_org_words);
}
