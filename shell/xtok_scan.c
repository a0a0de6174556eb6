/*
** xtok_scan.c — xt_tokenize (xtok.h): a block's sentences cut into the
** extractors' tokens, and the trigger table (TR_* bits of a word).
**
** Two scanners give the same tokens. The reference one (xt_tokenize_ref,
** xtok_scan.h) takes one code point or token a step over the text layer's
** tokenizer. xt_tokenize takes bit masks of 64 bytes (xtok_win.h: which
** bytes are ASCII letters or parts of the common Vietnamese letters),
** moved on as it goes, and cuts the common tokens from them: words (a run
** of words after spaces, lower-case, capitalised or of 2 to 8 ASCII
** capitals, some with a punctuation mark glued after them, in one tight
** loop), numbers, punctuation, spaces and newlines. Anything else (other
** capitals before a capital, a word holding a digit, other scripts, other
** white space, a word the masks cut, what follows the first 8 KB or the
** 4,095th token) is one reference step.
*/
#include "xtok_scan.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "text.h"
#include "text_tok_run.h"
#include "util.h"
#include "xtok.h"
#include "xtok_sent.h"
#include "xtok_win.h"
#include "xtok_win_fill.h"
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define SENT_MAX_BYTES 8192 /* a longer "sentence" is cut at a space */
#define SENT_MAX_TOKS  4096 /* ... and one of this many tokens anywhere */

static int is_digit(char c) {
  return c >= '0' && c <= '9';
}

/* ---- trigger words: first words of the patterns each extractor seeks ---- */

/* The first words of the patterns written in the extractors' code
** ("tầm nhìn", "đến năm", "Đại hội"); the others come from data/: the
** first words of ref-kinds.txt (TR_REF), period-terms.txt (TR_PERIOD),
** place-prefixes.tsv (TR_PLACE), gazetteer names and surnames. */
static const struct {
  const char *w;
  unsigned bits;
} triggers[] = {
    {"tầm", TR_TARGET},
    {"đến", TR_TARGET},
    {"trước", TR_TARGET},
    {"đại", TR_CONGRESS},
    /* "nguyên"/"cựu" (former) and "tân" (newly appointed) may open a
    ** title (extract_people's title_find): one bit test rejects every
    ** other word */
    {"nguyên", TR_HEAD},
    {"cựu", TR_HEAD},
    {"tân", TR_HEAD},
    /* "Thị" starts a name's given part whatever the surname before it
    ** ("Trinh Thị Mừng": a surname not in the list, xn_name_run) */
    {"Thị", TR_SURNAME},
    /* and an honorific may open a name of any surname ("Bà Búi Ngọc
    ** Hiền", extract_people's honorific_opens) */
    {"ông", TR_SURNAME},
    {"bà", TR_SURNAME},
};

/* Direct-mapped by the low 16 bits of the word hash: the OR of the TR_*
** bits of every trigger word landing there — a superset (a word may get
** bits of another), which is fine since every extractor checks the words
** it is handed; one load per word. */
#define TRIG_SLOTS 65536
static uint8_t trig_dm[TRIG_SLOTS];
static pthread_once_t trig_once = PTHREAD_ONCE_INIT;

static void trig_init(void);

void xtok_init(void) {
  pthread_once(&trig_once, trig_init);
}

/* Add bits for the word of hash h to the trigger table. */
static void trig_put(uint32_t h, unsigned bits) {
  trig_dm[h & (TRIG_SLOTS - 1)] |= (uint8_t)bits;
}

/* Add bits for the first word of each phrase of list w. */
static void trig_words(const char *const *w, unsigned bits) {
  for (; *w; w++) trig_put(lexicon_word_hash(*w, strcspn(*w, " ")), bits);
}

/* lexicon_lower_cp of the letters U+00C0..U+01BF (lc2) and U+1E00..
** U+1EFF (lc3) the fast scanner takes as a word's first letter (text_class:
** a letter, no mark), with LC_UP added for a capital; 0 for the others,
** LC_UNSET until first asked (lower_at: the lexicon's fold is costly to
** compute for all of them up front). Read and written with relaxed
** atomics: threads may fill an entry at once, with the same value. */
#define LC_UNSET 0xFFFFFFFFu
#define LC_UP    0x40000000u /* a capital (TEXT_UPPER) */
static uint32_t lc2[256] = {[0 ... 255] = LC_UNSET},
                lc3[256] = {[0 ... 255] = LC_UNSET};

/* lc2/lc3's entry for cp. */
static uint32_t lower_first(int32_t cp) {
  unsigned cls = text_class(cp);
  if ((cls & (TEXT_SPACE | TEXT_MARK)) || !(cls & TEXT_LETTER)) return 0;
  int32_t lc = lexicon_lower_cp(cp);
  return lc > 0 ? (uint32_t)lc | (cls & TEXT_UPPER ? LC_UP : 0) : 0;
}

/* tab[j] (lc2 or lc3) of the letter cp, filled on first use. */
static inline uint32_t lower_at(uint32_t *tab, unsigned j, int32_t cp) {
  uint32_t lc = __atomic_load_n(&tab[j], __ATOMIC_RELAXED);
  if (__builtin_expect(lc == LC_UNSET, 0)) {
    lc = lower_first(cp);
    __atomic_store_n(&tab[j], lc, __ATOMIC_RELAXED);
  }
  return lc;
}

static void trig_init(void) {
  xt_scan_avx2(1);
  const lexicon *lx = lexicon_get();
  xt_sent_init(&lx->degrees);
  trig_words(lx->lists[LEX_REF_KINDS], TR_REF);
  trig_words(lx->lists[LEX_PERIOD_TERMS], TR_PERIOD);
  for (const lex_pair *p = lx->pairs[LEX_PLACE_PREFIXES]; p->key; p++)
    trig_put(lexicon_word_hash(p->key, strcspn(p->key, " ")), TR_PLACE);
  /* first words of gazetteer names and surnames join the trigger table */
  for (size_t i = 0; i < lx->places.fcap; i++)
    if (lx->places.firsts[i]) trig_put(lx->places.firsts[i], TR_GAZ);
  for (size_t i = 0; i < lx->surnames.fcap; i++)
    if (lx->surnames.firsts[i]) trig_put(lx->surnames.firsts[i], TR_SURNAME);
  /* first words of title heads and honorifics: a foreign name may follow
  ** ("Tổng thống Mỹ Donald Trump", extract_people_foreign) */
  for (size_t i = 0; i < lx->titles.fcap; i++)
    if (lx->titles.firsts[i]) trig_put(lx->titles.firsts[i], TR_HEAD);
  for (size_t i = 0; i < lx->degrees.fcap; i++)
    if (lx->degrees.firsts[i]) trig_put(lx->degrees.firsts[i], TR_HEAD);
  for (size_t i = 0; i < lx->monastic.fcap; i++)
    if (lx->monastic.firsts[i]) trig_put(lx->monastic.firsts[i], TR_HEAD);
  trig_words(lx->lists[LEX_HONORIFICS], TR_HEAD);
  /* and surnames in capitals ("TRẦN PHƯỚC HIỀN", extract_people) */
  for (size_t i = 0; i < lx->surnames.cap; i++) {
    const lex_entry *e = &lx->surnames.slots[i];
    char up[64];
    size_t o = e->key
                   ? text_recase(e->key, e->len, TEXT_CASE_UPPER, up, sizeof up)
                   : 0;
    if (o) trig_put(lexicon_word_hash(up, o), TR_SURNAME);
  }
  for (size_t i = 0; i < sizeof triggers / sizeof *triggers; i++)
    trig_put(lexicon_word_hash(triggers[i].w, strlen(triggers[i].w)),
             triggers[i].bits);
}

/* TR_* bits of a word of hash h (a superset, see trig_dm). */
static inline unsigned word_bits(uint32_t h) {
  return trig_dm[h & (TRIG_SLOTS - 1)];
}

/* ---- tokens ---- */

/* The sentence features of token t. */
static inline unsigned tok_feat(const tok *t) {
  return t->trig | (t->type == T_NUM ? F_NUM : 0) |
         (t->type == T_PUNCT && t->cp == '(' ? F_PAREN : 0) |
         (t->flags & TF_UPPER ? F_UPPER : 0);
}

/*
** Make t, which spans s[t->off..+t->len) of a block of b bytes and starts
** with cp (k bytes), a word: its hash (lexicon_word_hash_cp, with one
** 8-byte load when the block has room past the word) and trigger bits.
*/
static inline __attribute__((always_inline)) void set_word(tok *t,
                                                           const char *s,
                                                           size_t b, int32_t cp,
                                                           size_t k) {
  const char *w = s + t->off;
  t->type = T_WORD;
  if (t->off + k + 8 <= b) {
    uint64_t v = lexicon_load8(w + k);
    size_t rest = t->len - k;
    if (rest < 8) v &= (1ull << (8 * rest)) - 1;
    t->h = lexicon_hash_parts(cp, t->len, v);
  } else {
    t->h = lexicon_word_hash_cp(w, t->len, cp, k);
  }
  t->trig = (uint8_t)word_bits(t->h);
}

/*
** A number at s[i] (an ASCII digit): digits with single inner '.' or ','
** between digits ("5.000", "57,7"). Digits glued to a capital ("19A",
** "5G") make a word running to the end of the text token there; "3km"
** stays a number and a word. Returns the end.
*/
static size_t scan_number(const char *s, size_t i, size_t b, tok *t) {
  size_t j = i;
  while (j < b && (is_digit(s[j]) || ((s[j] == '.' || s[j] == ',') &&
                                      j + 1 < b && is_digit(s[j + 1]))))
    j++;
  t->type = T_NUM;
  t->len = (uint32_t)(j - i);
  int32_t cp;
  if (j < b && (text_decode(s + j, b - j, &cp), text_is_upper(cp))) {
    text_tok w;
    j = text_tok_at(s, b, j, &w);
    t->flags |= TF_DIGITS;
    t->len = (uint32_t)(j - i);
    set_word(t, s, b, t->cp, 1);
  }
  return j;
}

/* scan_number for the fast loop, inline: the digits and inner '.' or ','
** walked a run of digits at a time, the byte after them tested as ASCII
** at once (text_is_upper of a byte below 0x80 is its class in
** text_ascii_class_); a capital there goes to scan_number's word. */
static inline size_t scan_number_fast(const char *s, size_t i, size_t b,
                                      tok *t) {
  size_t j = i;
  for (;;) {
    while (j < b && (unsigned)(s[j] - '0') < 10u) j++;
    if (j + 1 < b && (s[j] == '.' || s[j] == ',') &&
        (unsigned)(s[j + 1] - '0') < 10u) {
      j += 2;
      continue;
    }
    break;
  }
  if (j < b) {
    unsigned char n = (unsigned char)s[j];
    if (n >= 0x80 || (text_ascii_class_[n] & TEXT_UPPER))
      return scan_number(s, i, b, t); /* maybe a capital: the long way */
  }
  t->type = T_NUM;
  t->len = (uint32_t)(j - i);
  return j;
}

/* The token at s[i] (not white space; its first code point cp, k bytes)
** into t, over the text layer's tokenizer: numbers as scan_number, word
** tokens with their flags, one punctuation token per other code point.
** Returns its end. */
static size_t scan_tok(const char *s, size_t i, size_t b, int32_t cp, int k,
                       tok *t) {
  text_tok w;
  if (cp >= '0' && cp <= '9') return t->cp = cp, scan_number(s, i, b, t);
  size_t e = text_tok_at_run(s, b, i, cp, k, &w);
  t->cp = w.cp;
  t->len = (uint32_t)w.len;
  if (w.kind == TEXT_TOK_PUNCT) return e;
  if (w.flags & TEXT_TOKF_UPPER) t->flags |= TF_UPPER;
  if (w.flags & TEXT_TOKF_CAPS) t->flags |= TF_CAPS;
  if (w.flags & TEXT_TOKF_DIGITS) t->flags |= TF_DIGITS;
  set_word(t, s, b, w.cp, (size_t)k); /* a word's cp is valid: k bytes */
  return e;
}

/* xt_sentence_end(..., 1) for the '.', '!' or '?' just stored (out[n-1],
** ending at s[i]), at once when no space, newline or end follows (0) or
** the token before it is all the text degree_dot walks back over (as
** no_degree) and starts with no capital, which city_dot, initial_dot and
** degree_dot all need (1). */
static inline int dot_ends(const char *s, size_t a, size_t i, size_t b,
                           const tok *out, size_t n, int32_t cp) {
  if (i < b && s[i] != ' ' && s[i] != '\n') return 0;
  if (n < 2) return 1;
  const tok *prev = &out[n - 2];
  size_t o = prev->off;
  if (prev->type != T_PUNCT && o + prev->len + 1 == i && i - o <= 13 &&
      (o == a || s[o - 1] == ' ' || s[o - 1] == '\n') &&
      !(text_class(prev->cp) & TEXT_UPPER))
    return 1;
  return xt_sentence_end(s, a, i, b, out, n, cp, 1);
}

/* A scanner between steps: the position, the tokens (out, n, cap), the
** features, TF_SPACE when white space came since the last token, and
** stop once the sentence has ended. Passed by value: the fast loop keeps
** its own copies in registers. */
typedef struct xt_state {
  size_t i, n, cap;
  tok *out;
  unsigned f, pending;
  int stop;
} xt_state;

/* Room for one more token in out (n of cap used): grows it, 512 first. */
static inline tok *tok_room(tok *out, size_t n, size_t *cap) {
  if (n == *cap) {
    *cap = *cap ? *cap * 2 : 512;
    out = xrealloc(out, *cap * sizeof *out);
  }
  return out;
}

/*
** One step of the reference scanner at r.i (< b, a the sentence start):
** stop when the sentence has 4,096 tokens, or is over 8 KB and white
** space was just passed; else take one white-space code point (a newline
** after a token ends the sentence) or one token (scan_tok) and its
** features; a punctuation token may end the sentence (xt_sentence_end).
*/
static __attribute__((noinline)) xt_state ref_step(const char *s, size_t a,
                                                   size_t b, xt_state r) {
  if (r.n >= SENT_MAX_TOKS ||
      (r.i - a > SENT_MAX_BYTES && (r.pending & TF_SPACE)))
    return r.stop = 1, r;
  int32_t cp;
  size_t i = r.i;
  int k = s[i] == ' ' ? (cp = ' ', 1) : text_decode(s + i, b - i, &cp);
  if (text_class(cp) & TEXT_SPACE) {
    r.pending |= TF_SPACE, r.i += (size_t)k;
    if (cp == '\n' && r.n) r.stop = 1;
    return r;
  }
  tok t = {(uint32_t)i, 0, T_PUNCT, (uint8_t)r.pending, 0, 0, 0};
  r.pending = 0;
  r.i = scan_tok(s, i, b, cp, k, &t);
  r.f |= tok_feat(&t);
  r.out = tok_room(r.out, r.n, &r.cap);
  r.out[r.n++] = t;
  if (t.type == T_PUNCT && xt_sentence_end(s, a, r.i, b, r.out, r.n, t.cp, 0))
    r.stop = 1;
  return r;
}

size_t xt_tokenize_ref(const char *s, size_t a, size_t b, tokvec *v,
                       unsigned *feat) {
  xt_state r = {a, 0, v->cap, v->items, 0, TF_SPACE, 0};
  while (r.i < b && !r.stop) r = ref_step(s, a, b, r);
  v->items = r.out, v->n = r.n, v->cap = r.cap;
  *feat = r.f;
  return r.i;
}

/* ---- the fast scanner: bit masks of 64 bytes (xtok_win.h) ---- */

/* The masks the last call of this thread ended with, kept with the bytes
** they were computed from: the next sentence of a block mostly starts
** in them. */
static _Thread_local struct {
  uintptr_t s;
  size_t b;
  xt_win w;
  unsigned char bytes[WIN_READ] __attribute__((aligned(16)));
} last;

/* last.bytes == the WIN_READ bytes at p, sixteen a step without a call. */
static inline int same_bytes(const char *p) {
#ifdef __SSE2__
  _Static_assert(WIN_READ % 16 == 0, "whole steps");
  __m128i eq = _mm_set1_epi8(-1);
  for (int k = 0; k < WIN_READ; k += 16)
    eq = _mm_and_si128(
        eq,
        _mm_cmpeq_epi8(
            _mm_loadu_si128((const __m128i *)(const void *)(p + k)),
            _mm_load_si128((const __m128i *)(const void *)(last.bytes + k))));
  return _mm_movemask_epi8(eq) == 0xFFFF;
#else
  return memcmp(last.bytes, p, WIN_READ) == 0;
#endif
}

/* Keep w (in the block s of b bytes) for the next call. */
static void win_keep(const xt_win *w, const char *s, size_t b) {
  if (!w->inblock) return;
  last.s = (uintptr_t)s, last.b = b, last.w = *w;
  memcpy(last.bytes, w->src, WIN_READ);
}

/* Masks for a sentence that starts at s[a]: the kept ones when they were
** computed over these very bytes of this block and hold byte a's token
** or can slide to it (win_next), else none yet (filled at the first
** word). */
static xt_win win_last(const char *s, size_t a, size_t b) {
  if (last.s == (uintptr_t)s && last.b == b &&
      a - last.w.base < WIN_AHEAD + WIN_STEP && last.w.inblock &&
      same_bytes(s + last.w.base))
    return last.w;
  return (xt_win){0, 0, 0, a - (WIN_AHEAD + 1), NULL, 0};
}

/* keep[n]: the low n bytes of a word (n <= 8), the bytes of a word after
** its first letter that its hash takes. */
static const uint64_t keep[9] = {
    0,          0xFF,         0xFFFF,         0xFFFFFF,
    0xFFFFFFFF, 0xFFFFFFFFFF, 0xFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF,
    ~0ull};

#define WORD_LONG SIZE_MAX /* fast_word: the masks end too soon */

/* What the fast loop does with a byte that starts a step. */
enum {
  K_ = 0, /* ASCII punctuation: a one-byte token */
  KS,     /* ' ' */
  KN,     /* newline */
  KW,     /* other ASCII white space: ref_step */
  KD,     /* an ASCII digit: a number */
  KE,     /* '.', '!' or '?': may end the sentence */
  KP,     /* '(' */
  KL,     /* a lower-case ASCII letter; KL and up: may start a word */
  KU,     /* an upper-case ASCII letter */
  KH      /* 0x80 and above: decoded */
};
static const uint8_t kind[256] = {
    K_, K_, K_, K_, K_, K_, K_, K_, K_, KW, KN, KW, KW, KW, K_, K_, K_, K_, K_,
    K_, K_, K_, K_, K_, K_, K_, K_, K_, K_, K_, K_, K_, KS, KE, K_, K_, K_, K_,
    K_, K_, KP, K_, K_, K_, K_, K_, KE, K_, KD, KD, KD, KD, KD, KD, KD, KD, KD,
    KD, K_, K_, K_, K_, K_, KE, K_, KU, KU, KU, KU, KU, KU, KU, KU, KU, KU, KU,
    KU, KU, KU, KU, KU, KU, KU, KU, KU, KU, KU, KU, KU, KU, KU, K_, K_, K_, K_,
    K_, K_, KL, KL, KL, KL, KL, KL, KL, KL, KL, KL, KL, KL, KL, KL, KL, KL, KL,
    KL, KL, KL, KL, KL, KL, KL, KL, KL, K_, K_, K_, K_, K_, KH, KH, KH, KH, KH,
    KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH,
    KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH,
    KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH,
    KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH,
    KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH,
    KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH, KH,
    KH, KH, KH, KH, KH, KH, KH, KH, KH,
};

/*
** The word at s[i] (block of b bytes) that starts with the letter cp (k
** bytes; lc: cp or its case fold, hashed as lexicon_hash_parts does;
** upper: a capital; its first byte's g bit set in w, rel = i - w->base)
** into *t when the masks settle it: the run of g bits ends before the
** masks do (else WORD_LONG: new masks may), at an ASCII byte that is no
** digit or at a character that is no word character (else 0: ref_step),
** and a capital is followed by a letter that is not one (no TF_CAPS,
** else 0). Returns the word's end; t gets its offset, length, cp, flags
** (pending, TF_UPPER), hash and trigger bits as set_word's; *space: a ' '
** follows it in the block.
*/
static inline __attribute__((always_inline)) size_t fast_word(
    const char *s, size_t i, size_t b, const xt_win *w, size_t rel, int32_t cp,
    int32_t lc, size_t k, int upper, unsigned pending, tok *t,
    unsigned *space) {
  uint64_t x = ~(w->g >> rel); /* bit 63 of g is clear: x != 0 */
  size_t run = (size_t)__builtin_ctzll(x), j = i + run;
  if (rel + run >= WIN - 1) return WORD_LONG;
  signed char after = (signed char)w->src[rel + run]; /* 0 past the end */
  *space = after == ' ';
  if ((unsigned)(after - '0') < 10u) return 0; /* a digit: TF_DIGITS */
  if (after < 0) { /* a character the masks do not know */
    int32_t c2;
    text_decode(s + j, b - j, &c2);
    if (text_class(c2) & TEXT_WORD) return 0; /* the run goes on */
  }
  unsigned fl = pending;
  if (upper) {
    fl |= TF_UPPER;
    if (run > k) { /* the second code point: TF_CAPS unless lower case */
      unsigned char y = (unsigned char)s[i + k];
      unsigned c2;
      if (y < 0x80) {
        c2 = text_ascii_class_[y];
      } else {
        int32_t q;
        text_decode(s + i + k, b - i - k, &q);
        c2 = text_class(q);
      }
      if ((c2 & (TEXT_LETTER | TEXT_UPPER)) != TEXT_LETTER) return 0;
    }
  }
  size_t rest = run - k;
  uint64_t v = lexicon_load8(w->src + rel + k) & keep[rest < 8 ? rest : 8];
  uint32_t h = lexicon_hash_parts(lc, run, v);
  t->off = (uint32_t)i;
  t->len = (uint32_t)run;
  t->type = T_WORD;
  t->flags = (uint8_t)fl;
  t->cp = cp;
  t->h = h;
  t->trig = (uint8_t)word_bits(h);
  return j;
}

/* xt_win_next, the AVX2 fill inline when avx2 (only in tokenize_avx2,
** which the CPU runs when it has AVX2 and BMI2). */
static inline __attribute__((always_inline)) void win_next(
    xt_win *w, const char *s, size_t i, size_t b, unsigned char pad[WIN_READ],
    int avx2) {
#ifdef XT_AVX2
  if (avx2) {
    xt_win_fill_avx2_in(w, s, i, b, pad);
    return;
  }
#endif
  (void)avx2;
  xt_win_next(w, s, i, b, pad);
}

/* Where lower_run stopped: the position, the next free token, the
** features and TF_SPACE when a space came last. */
typedef struct xt_run {
  size_t i;
  tok *t;
  unsigned f, pending;
} xt_run;

/* keep_run[n]: keep[] of a word of n bytes after a one-byte first letter
** (the first 8 of its n - 1 bytes); of n + 1 - k after one of k bytes. */
static const uint64_t keep_run[WIN] = {0,
                                       0,
                                       0xFF,
                                       0xFFFF,
                                       0xFFFFFF,
                                       0xFFFFFFFF,
                                       0xFFFFFFFFFF,
                                       0xFFFFFFFFFFFF,
                                       0xFFFFFFFFFFFFFF,
                                       ~0ull,
                                       [10 ... WIN - 1] = ~0ull};

/* Store the word token {off, len, T_WORD, fl, cp, h, trig} at t, a field
** a store (its padding bytes left as they were). */
static inline void put_word(tok *t, uint32_t off, uint32_t len, unsigned fl,
                            uint32_t cp, uint32_t h, unsigned trig) {
  t->off = off, t->len = len, t->type = T_WORD, t->flags = (uint8_t)fl;
  t->cp = (int32_t)cp, t->h = h, t->trig = (uint8_t)trig;
}

/* The lower_at entry of the whole letter of the masks at p (its lead
** p[0] >= 0x80; g bit set) and its code point *c and byte count *k; 0
** when it is none of lc2/lc3's (a mark, other leads). */
static inline __attribute__((always_inline)) uint32_t letter_at(
    const unsigned char *p, uint32_t *c, size_t *k) {
  uint32_t l = p[0], c1 = p[1] & 0x3Fu;
  if (l - 0xC3 < 4u) {
    *c = (l & 0x1F) << 6 | c1, *k = 2;
    return lower_at(lc2, *c - 0xC0, (int32_t)*c);
  }
  if (l != 0xE1) return 0;
  *c = 0x1000 | c1 << 6 | (p[2] & 0x3Fu), *k = 3;
  return lower_at(lc3, *c & 0xFF, (int32_t)*c);
}

/* lower_run's bound: a word starting at rel = i - base below it needs
** no test of lim, tlim or new masks. Past the masks' WIN_AHEAD, lim or,
** when fewer than RUN_ROOM tokens of room are left, 0: every word is
** tested. Between two tests a run takes at most WIN_AHEAD + WIN + 2
** bytes, at most a token a byte. */
#define RUN_ROOM 128
static inline size_t run_bound(size_t base, size_t lim, const tok *t,
                               const tok *tlim) {
  _Static_assert(RUN_ROOM > WIN_AHEAD + WIN + 2, "room for a run");
  size_t lr = lim - base;
  if (lr > WIN_AHEAD + 1) lr = WIN_AHEAD + 1;
  return (size_t)(tlim - t) < RUN_ROOM ? 0 : lr;
}

/* Are the n bytes at p (8 readable) all ASCII capitals, n <= 8? */
static inline int ascii_caps(const unsigned char *p, size_t n) {
  const uint64_t ones = 0x0101010101010101ull, hi = ones * 0x80;
  if (n > 8) return 0;
  uint64_t m = keep[n], x = (lexicon_load8((const char *)p) & m) |
                            (ones * 'A' & ~m); /* the rest read as 'A' */
  /* bit 7 of each byte: below 0x80, at least 'A', at most 'Z' */
  return (~x & (x + ones * (0x80 - 'A')) & ~(x + ones * (0x80 - 'Z' - 1)) &
          hi) == hi;
}

/*
** The words from s[r.i] (r.i < lim; r.pending: the first one's flags),
** as long as each starts with a letter (ASCII, or of lc2/lc3 and whole
** in the masks: what the main loop gives fast_word), fast_word would
** settle it (the masks hold its end, an ASCII byte that is no digit
** follows; a capital is followed by a lower-case letter of ASCII or
** lc2/lc3, or by nothing), or it is 2 to 8 ASCII capitals (TF_CAPS, as
** ref_step gives it), and a space follows it, or one ASCII
** punctuation byte (kind K_) and a space: stored at r.t (room up to
** tlim) as fast_word and the main loop's punct store them, each with the
** space after it; a word after a space goes on the run. Stops before a
** word it cannot settle so (left to the main loop), after a word no
** space or punctuation and space follows, at lim or with no room; slides
** w on as win_next does.
*/
static inline __attribute__((always_inline)) xt_run lower_run(
    const char *s, size_t b, size_t lim, xt_win *w, unsigned char pad[WIN_READ],
    tok *tlim, xt_run r, int avx2) {
  tok *t = r.t;
  unsigned f = r.f, last = TF_SPACE; /* last: what follows the last word */
  /* x: ~g from the word at s[base + rel] on (bit 63 of g is clear: a run
  ** of g bits ends in the masks), shifted on with rel; set at the first
  ** turn (lr 0), after the window slides when rel is past WIN_AHEAD (a
  ** shift by rel here could be by 64 or more) */
  size_t base = w->base, rel = r.i - base, lr = 0; /* lr: run_bound */
  uint64_t x = 0;
  const unsigned char *src = (const unsigned char *)w->src;
  for (;;) { /* the word at s[base + rel] */
    if (__builtin_expect(rel >= lr, 0)) {
      size_t i = base + rel;
      if (i >= lim || t >= tlim) break;
      if (rel > WIN_AHEAD) {
        win_next(w, s, i, b, pad, avx2);
        base = w->base, rel = i - base;
        src = (const unsigned char *)w->src;
      }
      x = ~w->g >> rel; /* rel < WIN: rel <= lr from the last bound */
      lr = run_bound(base, lim, t, tlim);
    }
    /* no letter of the masks starts at s[base + rel] (the byte after a
    ** word's space: kind < KL, or a lead the masks do not take) */
    if (x & 1) break;
    size_t run = (size_t)__builtin_ctzll(x), e = rel + run;
    unsigned after = src[e]; /* s[base + e] */
    uint32_t c = src[rel], lc = c;
    if (c - 'a' <= 25u && after == ' ') {
      /* the common word ("của "): a lower-case ASCII letter first, a space
      ** after, none of the tests a capital or a letter of lc2/lc3 needs;
      ** stored as after a space (the run's first one mended below) */
      uint64_t v = lexicon_load8((const char *)src + rel + 1) & keep_run[run];
      uint32_t h = lexicon_hash_folded(c, run, v);
      unsigned tr = word_bits(h);
      put_word(t, (uint32_t)(base + rel), (uint32_t)run, TF_SPACE, c, h, tr);
      f |= tr;
      t++, rel = e + 1, x = x >> run >> 1;
      continue;
    }
    if (after != ' ' && (e >= WIN - 1 || after - '0' < 10u || after >= 0x80))
      break; /* the masks end too soon, a digit or another character */
    size_t k = 1;
    unsigned fl = TF_SPACE;
    if (c - 'a' > 25u) { /* a capital or a letter of lc2/lc3 */
      uint32_t up = c < 0x80;
      lc = c | 0x20;
      if (!up) { /* a whole letter of the masks: decoded from them */
        lc = letter_at(src + rel, &c, &k);
        if (!lc) break;
        up = lc >> 30, lc &= ~LC_UP;
      }
      if (up && run > k) { /* fast_word's test: a lower-case letter next */
        uint32_t y = src[rel + k], c2;
        size_t k2;
        if (y < 0x80) {
          if (y - 'a' > 25u) { /* or all ASCII capitals ("UBND") */
            if (k != 1 || !ascii_caps(src + rel, run)) break;
            fl |= TF_CAPS;
          }
        } else {
          uint32_t l2 = letter_at(src + rel + k, &c2, &k2);
          if (!l2 || (l2 & LC_UP)) break;
        }
      }
      if (up) fl |= TF_UPPER, f |= F_UPPER;
    }
    uint64_t v =
        lexicon_load8((const char *)src + rel + k) & keep_run[run + 1 - k];
    uint32_t h = lexicon_hash_folded(lc, run, v);
    unsigned tr = word_bits(h);
    put_word(t, (uint32_t)(base + rel), (uint32_t)run, fl, (uint32_t)c, h, tr);
    f |= tr;
    if (after != ' ') { /* ',' and a space: the punctuation token too */
      if (kind[after] != K_ || src[e + 1] != ' ' || t + 1 >= tlim ||
          base + e + 1 >= lim) {
        t++, last = 0, rel = e;
        break;
      }
      t[1] = (tok){(uint32_t)(base + e), 1, T_PUNCT, 0, (int32_t)after, 0, 0};
      t++, e++, x >>= 1;
    }
    t++, rel = e + 1, x = x >> run >> 1;
  }
  if (t != r.t) { /* the first word: the flags of what came before it */
    r.t->flags = (uint8_t)((r.t->flags & ~TF_SPACE) | r.pending);
    r.pending = last;
  }
  r.i = base + rel, r.t = t, r.f = f;
  return r;
}

/* Grow out (n of cap used) and set *lim to the token count at which the
** fast loop must stop for room, or to leave the sentence's last token
** (SENT_MAX_TOKS) and what follows it to ref_step. */
static tok *tok_grow(tok *out, size_t n, size_t *cap, size_t *lim) {
  if (n == *cap) {
    *cap = *cap ? *cap * 2 : 512;
    out = xrealloc(out, *cap * sizeof *out);
  }
  *lim = *cap < SENT_MAX_TOKS - 1 ? *cap : SENT_MAX_TOKS - 1;
  return out;
}

/*
** The loop of xt_tokenize_ref with the common steps done here, a byte
** class (kind) each: a space, a newline, a word fast_word settles, a
** number (scan_number), one punctuation code point. Every other step,
** and every step past the first 8 KB, is ref_step's. A sentence stops
** right after its 4,096th token, as the reference's next check would.
** Tokens are written through t, up to tlim (room, or the 4,096th).
*/
static inline __attribute__((always_inline)) size_t tokenize(
    const char *s, size_t a, size_t b, tokvec *v, unsigned *feat, int avx2) {
  size_t i = a, cap = v->cap, nlim;
  tok *out = tok_grow(v->items, 0, &cap, &nlim), *t = out, *tlim = out + nlim;
  unsigned f = 0, pending = TF_SPACE;
  size_t lim = b - a > SENT_MAX_BYTES ? a + SENT_MAX_BYTES + 1 : b;
  unsigned char pad[WIN_READ];
  xt_win w = win_last(s, a, b);
  xt_state r;
  size_t e, rel;
  while (i < lim) {
    unsigned c = (unsigned char)s[i], kd = kind[c];
    int32_t cp = (int32_t)c;
    size_t k = 1;
    unsigned sp;
    if (kd >= KL) { /* KL, KU or KH */
    run :           /* a run of words, else the word on its own below */
    {
      xt_run q =
          lower_run(s, b, lim, &w, pad, tlim, (xt_run){i, t, f, pending}, avx2);
      if (q.t != t) {
        i = q.i, t = q.t, f = q.f, pending = q.pending;
        if (t < tlim) continue;
        goto room;
      }
      if (c >= 0x80) goto kh;
    }
      if (c - 'A' > 'z' - 'A') __builtin_unreachable();
      unsigned up = c < 'a'; /* an ASCII letter: KU or KL */
      rel = i - w.base;
      if (rel > WIN_AHEAD) win_next(&w, s, i, b, pad, avx2), rel = i - w.base;
      e = fast_word(s, i, b, &w, rel, cp, cp | 0x20, 1, (int)up, pending, t,
                    &sp);
      if (e - 1 >= WORD_LONG - 1) goto retry; /* 0 or WORD_LONG */
      f |= t->trig | up * F_UPPER;
      goto word;
    }
    switch (kd) {
      case KS:
        pending = TF_SPACE, i++;
        continue;
      case KN:
        pending = TF_SPACE, i++;
        if (t != out) goto done;
        continue;
      case KW:
        goto slow;
      case KD: /* a number (scan_tok) */
        *t = (tok){(uint32_t)i, 0, T_PUNCT, (uint8_t)pending, cp, 0, 0};
        i = scan_number_fast(s, i, b, t);
        f |= tok_feat(t);
        t++, pending = 0;
        goto pushed;
      case KH: {
        goto run; /* (taken above) a run of words, else: */
      kh : {
        int32_t dc; /* its own: cp stays in a register */
        k = (size_t)text_decode(s + i, b - i, &dc);
        cp = dc;
      }
        unsigned cls = text_class(cp);
        if (cls & TEXT_SPACE) goto slow;
        if (!(cls & TEXT_WORD) || (cls & TEXT_MARK)) goto punct;
        if (!(cls & TEXT_LETTER)) goto slow;
        rel = i - w.base;
        if (rel > WIN_AHEAD) win_next(&w, s, i, b, pad, avx2), rel = i - w.base;
        if (!(w.g >> rel & 1)) goto slow;
        int up = (cls & TEXT_UPPER) != 0;
        e = fast_word(s, i, b, &w, rel, cp, cp, k, up, pending, t, &sp);
        if (e - 1 >= WORD_LONG - 1) goto retry;
        f |= t->trig | (up ? F_UPPER : 0);
        goto word;
      }
      case KP:
        f |= F_PAREN;
        goto punct;
      case KE:
        *t++ = (tok){(uint32_t)i, 1, T_PUNCT, (uint8_t)pending, cp, 0, 0};
        i++, pending = 0;
        if (dot_ends(s, a, i, b, out, (size_t)(t - out), cp)) goto done;
        goto pushed;
      default:
        goto punct;
    }
  word: /* a space after it goes too, as at pushed (the 8 KB rule sees it
        ** in ref_step: only the space's end can be past lim) */
    t++, i = e + sp, pending = sp;
    if (sp && t < tlim && i < lim && kind[(unsigned char)s[i]] >= KL) {
      c = (unsigned char)s[i], cp = (int32_t)c, k = 1;
      goto run;
    }
    if (t < tlim) continue;
    goto room;
  punct: /* one punctuation code point (an invalid byte: cp -1) */
    *t++ = (tok){(uint32_t)i, (uint32_t)k, T_PUNCT, (uint8_t)pending, cp, 0, 0};
    i += k, pending = 0;
  pushed:
    if (i < lim && s[i] == ' ') pending = TF_SPACE, i++; /* the usual space */
    if (t < tlim) continue;
  room: /* no room for the next token, or its 4,096th is next */
    if ((size_t)(t - out) >= SENT_MAX_TOKS - 1) break;
    {
      size_t n = (size_t)(t - out);
      out = tok_grow(out, n, &cap, &nlim), t = out + n, tlim = out + nlim;
    }
    continue;
  retry: /* a word the masks cut: new masks from it, once */
    if (e == WORD_LONG && w.base != i) {
      w = xt_win_fill(s, i, b, pad);
      continue;
    }
  slow:
    r = (xt_state){i, (size_t)(t - out), cap, out, f, pending, 0};
    r = ref_step(s, a, b, r);
    i = r.i, cap = r.cap, out = r.out, f = r.f, pending = r.pending;
    t = out + r.n;
    if (r.stop) goto done;
    if (r.n >= SENT_MAX_TOKS - 1) break;
    out = tok_grow(out, r.n, &cap, &nlim), t = out + r.n, tlim = out + nlim;
  }
  /* past the first 8 KB, from the 4,096th token or at the end: the
  ** reference's steps */
  r = (xt_state){i, (size_t)(t - out), cap, out, f, pending, 0};
  while (r.i < b && !r.stop) r = ref_step(s, a, b, r);
  i = r.i, cap = r.cap, out = r.out, f = r.f, t = out + r.n;
done:
  win_keep(&w, s, b);
  v->items = out, v->n = (size_t)(t - out), v->cap = cap;
  *feat = f;
  return i;
}

#ifdef XT_AVX2
/* tokenize with AVX2 and BMI2 code and the fill inline. */
static __attribute__((target("avx2,bmi,bmi2"), noinline)) size_t tokenize_avx2(
    const char *s, size_t a, size_t b, tokvec *v, unsigned *feat) {
  return tokenize(s, a, b, v, feat, 1);
}
#endif

size_t xt_tokenize(const char *s, size_t a, size_t b, tokvec *v,
                   unsigned *feat) {
#ifdef XT_AVX2
  if (xt_win_use_avx2) return tokenize_avx2(s, a, b, v, feat);
#endif
  return tokenize(s, a, b, v, feat, 0);
}
