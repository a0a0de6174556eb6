/*
** text_syllables.c — legacy-font damage inside Unicode text: the
** impossible-syllable count (text_bad_syllables, text_int.h). Glyphs of a
** TCVN3/VNI font substituted inside Unicode text spell syllables that
** Vietnamese never writes ("cơng" for "công", "phịng" for "phòng").
*/
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define SYL_AVX2 1 /* bad_fast's 32-byte steps, when the CPU has AVX2 */
#endif
#ifdef SYL_AVX2
#include "text_clean.h"
#endif

#include "text.h"
#include "text_damage.h"
#include "text_int.h"
#include "text_syl_rules.h"
#include "util.h"

/* Closing punctuation that may follow a word before its space. */
static int trail_punct(unsigned char c) {
  return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' ||
         c == ')' || c == '"' || c == '\'';
}

/* Is c an ASCII consonant letter? */
static inline int ascii_cons(unsigned c) {
  const uint32_t cons = /* bit k set for the consonant 'a' + k */
      ~(1u | 1u << 4 | 1u << 8 | 1u << 14 | 1u << 20 | 1u << 24) & 0x3FFFFFFu;
  unsigned k = (c | 0x20) - 'a';
  return k < 26u && (cons >> k & 1);
}

/* Does u[lo..z) end in a letter of the ă or â families (UTF-8)? */
static int ends_breve_circ(const unsigned char *u, size_t lo, size_t z) {
  if (z - lo >= 2 && (u[z - 2] == 0xC4 || u[z - 2] == 0xC3))
    return u[z - 1] == 0x82 || u[z - 1] == 0x83 ||
           (u[z - 2] == 0xC3 && u[z - 1] == 0xA2);
  return z - lo >= 3 && u[z - 3] == 0xE1 && u[z - 2] == 0xBA &&
         u[z - 1] >= 0xA4 && u[z - 1] <= 0xB7;
}

/*
** A first look at the last bytes of the word ending at u[z) (z > lo): 0
** when no spelling rule can fail on it whatever its vowel -- more than two
** final consonants, a final the rules never name (m, n, ...), or an ASCII
** vowel at the end -- else its count of final consonants (0..2) + 1.
** Decided from up to three bytes, without a loop.
*/
static inline unsigned end_finals(const unsigned char *u, size_t lo, size_t z) {
  unsigned x = u[z - 1], y = z - lo >= 2 ? u[z - 2] : 0;
  unsigned c1 = (unsigned)ascii_cons(x), c2 = c1 & (unsigned)ascii_cons(y);
  if (!c1) return x >= 0x80 ? 1 : 0; /* no final: ends_breve_circ decides */
  unsigned a = x | 0x20, b = y | 0x20;
  if (!c2) return a == 'c' || a == 'p' || a == 't' ? 2 : 0;
  if (z - lo >= 3 && ascii_cons(u[z - 3])) return 0;
  return b == 'c' || a == 'h' || (b == 'n' && a == 'g') ? 3 : 0;
}

/*
** Could a spelling rule fail on the word ending at u[z) (not before lo)?
** A look at its end only: the final consonants and the vowel before them
** (rule_may_fire), so that most words are never parsed whole. slow: the
** final consonants counted one by one rather than by end_finals (the
** same answer; text_bad_syllables_ref).
*/
static int end_fires(const unsigned char *u, size_t lo, size_t z, int slow) {
  size_t f, e, b;
  if (slow) {
    for (f = 0, e = z; e > lo && ascii_cons(u[e - 1]); e--)
      if (++f > 2) return 0;
    if (e == lo) return 0;
    if (!f) return ends_breve_circ(u, lo, z);
  } else {
    unsigned k = end_finals(u, lo, z);
    if (k <= 1) return k && ends_breve_circ(u, lo, z);
    f = k - 1, e = z - f;
  }
  char c[2];
  if (e == lo) return 0;
  for (size_t j = 0; j < f; j++) c[j] = (char)(u[e + j] | 0x20);
  for (b = e - 1; b > lo && (u[b] & 0xC0) == 0x80;) b--;
  int32_t cp;
  syl_letter v;
  text_decode((const char *)u + b, e - b, &cp);
  return syl_read(cp, &v) && !v.cons && rule_may_fire(&v, c, f);
}

/* The start of the word of ASCII letters and multi-byte characters that
** ends at u[z) (not before lo); *wide: it holds a non-ASCII byte. */
static size_t word_start(const unsigned char *u, size_t lo, size_t z,
                         int *wide) {
  unsigned or = 0;
  for (; z > lo &&
         (u[z - 1] >= 0x80 || (unsigned)((u[z - 1] | 0x20) - 'a') < 26u);
       z--)
    or |= u[z - 1];
  *wide = (or &0x80) != 0;
  return z;
}

/* The first ' ' of s[i..n), or n: eight bytes a step (words are short:
** this beats a memchr call per word). */
static inline size_t next_space(const char *s, size_t i, size_t n) {
  const uint64_t ones = 0x0101010101010101ull;
  for (; i + 8 <= n; i += 8) {
    uint64_t w = util_load8(s + i);
    w ^= ones * ' ';
    /* high bit set in the lowest zero byte (and maybe in bytes above it) */
    uint64_t z = (w - ones) & ~w & (ones << 7);
    if (z) return i + ((size_t)__builtin_ctzll(z) >> 3);
  }
  while (i < n && s[i] != ' ') i++;
  return i;
}

/* Count the space-separated word s[i..e) if it is an impossible syllable
** (the first one found is copied to ex); returns the new count. */
static size_t check_word(const char *s, size_t i, size_t e, char *ex,
                         size_t cap, size_t bad, int slow) {
  const unsigned char *u = (const unsigned char *)s;
  size_t z = e, a;
  int wide;
  while (z > i && trail_punct(u[z - 1])) z--;
  if (z > i && end_fires(u, i, z, slow) &&
      (a = word_start(u, i, z, &wide), wide) && word_impossible(s + a, z - a) &&
      !bad++ && ex && cap) {
    size_t k = z - a < cap - 1 ? z - a : 0;
    memcpy(ex, s + a, k);
    ex[k] = '\0';
  }
  return bad;
}

/*
** The first look of bad_fast, two table loads a word. fin_tab, by a
** word's last two bytes (fin_key): FIN_NO when end_fires is surely 0
** (no final a rule names, or a non-ASCII end that is no ă/â letter),
** FIN_PUNCT for closing punctuation (the word is looked at again without
** it), FIN_ANY when the word must be looked at whole (a possible ă/â
** end), else the rules its final consonants can break (P_* bits) and
** their count (FIN_F2: two). vow_tab, by the last two bytes of the vowel
** before them: the rules that vowel lets fire (all of them when unsure);
** VOW_E1: right only when an E1 lead comes before.
*/
enum {
  P_TONE = 1,  /* a stop final: fires on tones 2..4 */
  P_VELAR = 2, /* c, ng: fires after ơ, i, y */
  P_PAL = 4,   /* nh, ch: fires after vowels but a, ê, i, y */
  P_ALL = 7,
  FIN_F2 = 8,
  FIN_ANY = 16,
  FIN_PUNCT = 32,
  VOW_E1 = 8,
  VOW_OW = 16 /* the vowel is an ơ (any tone) */
};
#define FIN_NO 0
static unsigned char fin_tab[65536], vow_tab[65536];
static pthread_once_t tab_once = PTHREAD_ONCE_INIT;
static int use_avx2; /* set by tab_init: the CPU has AVX2 and POPCNT */

/* The tables' index for the two bytes that end at u[z) (z >= 2): the
** last byte high, the one before it low (one 16-bit load). */
static inline unsigned fin_key(const unsigned char *u, size_t z) {
  uint16_t k;
  memcpy(&k, u + z - 2, 2);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  k = (uint16_t)(k >> 8 | k << 8);
#endif
  return k;
}

/* P_* bits of the rules that finals c[0..f) (lower case) name. */
static unsigned fin_rules(const char *c, size_t f) {
  syl_letter all = {0, V_OW, 3}; /* tone 3 and ơ: every rule fires */
  syl_letter pal = {0, V_U, 0};  /* u: only the palatal rule fires */
  syl_letter vel = {0, V_I, 0};  /* i: only the velar rule fires */
  if (!rule_may_fire(&all, c, f)) return 0;
  unsigned r = rule_may_fire(&pal, c, f) ? P_PAL : 0;
  r |= rule_may_fire(&vel, c, f) ? P_VELAR : 0;
  syl_letter tone = {0, V_A, 3}; /* a with tone 3: only stops fire */
  return r | (rule_may_fire(&tone, c, f) ? P_TONE : 0);
}

/* fin_tab's entry for a word ending in the bytes y, x (end_finals). */
static unsigned char fin_entry(unsigned y, unsigned x) {
  if (trail_punct((unsigned char)x)) return FIN_PUNCT;
  if (x >= 0x80) { /* ends_breve_circ's bytes */
    int br = ((y == 0xC3 || y == 0xC4) && (x == 0x82 || x == 0x83)) ||
             (y == 0xC3 && x == 0xA2) || (y == 0xBA && x >= 0xA4 && x <= 0xB7);
    return br ? FIN_ANY : FIN_NO;
  }
  if (!ascii_cons(x)) return FIN_NO;
  char c[2] = {(char)(y | 0x20), (char)(x | 0x20)};
  if (!ascii_cons(y)) return (unsigned char)fin_rules(c + 1, 1);
  if (!(c[0] == 'c' || c[1] == 'h' || (c[0] == 'n' && c[1] == 'g')))
    return FIN_NO;
  return (unsigned char)(fin_rules(c, 2) | FIN_F2);
}

/* P_* bits of the rules the vowel cp lets fire (0: not a vowel), and
** VOW_OW for an ơ. */
static unsigned vow_rules(int32_t cp) {
  syl_letter v;
  if (!syl_read(cp, &v) || v.cons) return 0;
  return (v.v == V_OW ? VOW_OW : 0) | (rule_may_fire(&v, "t", 1) ? P_TONE : 0) |
         (rule_may_fire(&v, "ng", 2) ? P_VELAR : 0) |
         (rule_may_fire(&v, "nh", 2) ? P_PAL : 0);
}

/* vow_tab's entry for a vowel ending in the bytes p, q: what end_fires
** decodes from the code point q ends (p its lead, or its middle byte).
** by_cp: vow_rules of every code point below 0x800 (tab_init's). */
static unsigned char vow_entry(unsigned p, unsigned q,
                               const unsigned char *by_cp) {
  if (q < 0x80) return by_cp[q];
  if ((q & 0xC0) != 0x80) return P_ALL; /* a lead as a last byte */
  if (p < 0x80) return by_cp[p];        /* q stray */
  if (p >= 0xC2 && p < 0xE0) return by_cp[(p & 0x1F) << 6 | (q & 0x3F)];
  if ((p & 0xC0) == 0x80) /* the end of a three-byte sequence led by E1: */
    return (unsigned char)((p == 0xBA || p == 0xBB /* U+1E80..U+1EFF */
                                ? vow_rules(0x1000 | (int32_t)(p & 0x3F) << 6 |
                                            (int32_t)(q & 0x3F))
                                : 0) | /* no vowel (viet_vowel) */
                           VOW_E1);
  return P_ALL;
}

/* Fill the rows of fin_tab and vow_tab whose last byte is x (entries
** x << 8 | y): a row that is one value whatever the byte y before x is
** set whole, the others entry by entry (by_cp: vow_rules below 0x800). */
static void tab_row(unsigned x, const unsigned char *by_cp) {
  unsigned char *f = fin_tab + (x << 8), *v = vow_tab + (x << 8);
  /* y may matter: after a consonant, and on the ă/â bytes fin_entry
  ** asks */
  int fin_pairs = ascii_cons(x) || x == 0x82 || x == 0x83 || x == 0xA2 ||
                  (x >= 0xA4 && x <= 0xB7);
  memset(f, fin_entry(' ', x), 256);
  for (unsigned y = 'a'; fin_pairs && x < 0x80 && y <= 'z'; y++)
    if (ascii_cons(y)) f[y] = f[y ^ 0x20] = fin_entry(y, x); /* y's case: 0 */
  for (unsigned y = 0x80; fin_pairs && x >= 0x80 && y < 256; y++)
    f[y] = fin_entry(y, x);
  if (x < 0x80 || (x & 0xC0) != 0x80) { /* no continuation byte */
    memset(v, vow_entry(0, x, by_cp), 256);
    return;
  }
  memcpy(v, by_cp, 0x80); /* vow_entry by y's range: ASCII, E1's middles */
  memset(v + 0x80, VOW_E1, 0x40);
  v[0xBA] = vow_entry(0xBA, x, by_cp), v[0xBB] = vow_entry(0xBB, x, by_cp);
  memset(v + 0xC0, P_ALL, 0x40);
  for (unsigned y = 0xC2; y < 0xE0; y++) v[y] = vow_entry(y, x, by_cp);
}

#ifdef SYL_AVX2
/* Fill the steps32 constants (k32). */
static void k32_init(void);
#endif

/* Fill fin_tab and vow_tab (fin_key order). */
static void tab_init(void) {
  static unsigned char by_cp[0x800];
  for (int32_t cp = 0; cp < 0x800; cp++)
    by_cp[cp] = (unsigned char)vow_rules(cp);
  for (unsigned x = 0; x < 256; x++) tab_row(x, by_cp);
#ifdef SYL_AVX2
  use_avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
  k32_init();
#endif
}

/* Does an ư (any tone: C6 AF/B0, E1 BB A8..B1) end at u[v) (not before
** lo)? */
static inline int uw_before(const unsigned char *u, size_t lo, size_t v) {
  if (v >= lo + 2 && u[v - 2] == 0xC6 && (u[v - 1] == 0xAF || u[v - 1] == 0xB0))
    return 1;
  return v >= lo + 3 && u[v - 3] == 0xE1 && u[v - 2] == 0xBB &&
         u[v - 1] >= 0xA8 && u[v - 1] <= 0xB1;
}

/*
** Might check_word count the word u[lo..z) (z > lo, z >= 5; f: fin_tab
** at z)? 0 only when it surely does not: fin_tab and vow_tab by its last
** bytes (end_fires); closing punctuation is stripped first, as
** check_word does; an ơ after an ư ("được", "phương") is a syllable
** word_impossible always passes.
*/
static inline __attribute__((always_inline)) int may_fire(
    const unsigned char *u, size_t lo, size_t z, unsigned f) {
  if (f & FIN_PUNCT) {
    while (z > lo && trail_punct(u[z - 1])) z--;
    if (z < lo + 1 || z < 5) return z > lo;
    f = fin_tab[fin_key(u, z)];
    if (f == FIN_NO || (f & FIN_PUNCT)) return 0;
  }
  if (f & FIN_ANY) return 1;
  size_t e = z - 1 - (f >> 3 & 1); /* the vowel ends at e */
  if (e <= lo) return 0;
  unsigned v = vow_tab[fin_key(u, e)];
  if ((v & VOW_E1) && u[e - 3] != 0xE1) v = P_ALL;
  if (!(f & v & P_ALL)) return 0;
  return !(v & VOW_OW) || !uw_before(u, lo, e - 2 - (v >> 3 & 1));
}

/*
** may_fire's vowel test alone, for a word ending at u[z) (z >= 5) whose
** fin_tab entry f is neither FIN_PUNCT nor FIN_ANY: 1 when the vowel
** before its finals lets none of their rules fire (may_fire is then 0
** whatever the word's start), so the start need not be found. Reads
** u[z - 5..z).
*/
static inline int vowel_rules_out(const unsigned char *u, size_t z,
                                  unsigned f) {
  if (f & (FIN_PUNCT | FIN_ANY)) return 0;
  size_t e = z - 1 - (f >> 3 & 1); /* the vowel ends at e */
  unsigned v = vow_tab[fin_key(u, e)];
  if ((v & VOW_E1) && u[e - 3] != 0xE1) v = P_ALL;
  return !(f & v & P_ALL);
}

/* FNV-1a over u[0..k) into h (util_hash64's steps). A byte changes only
** the low byte of h: on a little-endian host that byte is xored in place
** (one instruction with its load: "xor (mem), %al"), not widened
** first. */
static inline uint64_t fnv_bytes(uint64_t h, const unsigned char *u, size_t k) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  union {
    uint64_t q;
    uint8_t b[8];
  } x = {h};
#pragma GCC unroll 32
  for (size_t j = 0; j < k; j++) x.b[0] ^= u[j], x.q *= UTIL_FNV_PRIME;
  return x.q;
#else
  for (size_t j = 0; j < k; j++) h = (h ^ u[j]) * UTIL_FNV_PRIME;
  return h;
#endif
}

#ifdef __SSE2__
/* 16 bytes at p. */
static inline __m128i load16(const unsigned char *p) {
  return _mm_loadu_si128((const __m128i *)(const void *)p);
}

/* Bit j set for each j in 0..15 where a space is u[j]. */
static inline unsigned spaces16(const unsigned char *u) {
  return (unsigned)_mm_movemask_epi8(
      _mm_cmpeq_epi8(load16(u), _mm_set1_epi8(' ')));
}

/* Bit j set for each j in 0..15 where a possible stand-in's lead
** starts: "ơ" (C6 A0/A1) or "ị" (E1 BB 8A/8B), the leads
** text_damage_count_at counts -- and a few more: for "ị" only the bytes
** BB 8A/8B after it are asked (E1 is the only lead that puts BB before
** 8A/8B in the normalised text's letters; text_damage_count_at checks
** the lead again, so a stray bit costs a call, never a count). Reads
** u[0..18). */
static inline unsigned damage16(const unsigned char *u) {
  __m128i a = load16(u), b = load16(u + 1), c = load16(u + 2);
  __m128i fe = _mm_set1_epi8((char)0xFE);
  __m128i o = _mm_and_si128(
      _mm_cmpeq_epi8(a, _mm_set1_epi8((char)0xC6)),
      _mm_cmpeq_epi8(_mm_and_si128(b, fe), _mm_set1_epi8((char)0xA0)));
  __m128i i = _mm_and_si128(
      _mm_cmpeq_epi8(b, _mm_set1_epi8((char)0xBB)),
      _mm_cmpeq_epi8(_mm_and_si128(c, fe), _mm_set1_epi8((char)0x8A)));
  return (unsigned)_mm_movemask_epi8(_mm_or_si128(o, i));
}
#else
static inline unsigned spaces16(const unsigned char *u) {
  uint64_t a = util_byte_eq(util_load8(u), 0xFF, ' ');
  uint64_t b = util_byte_eq(util_load8(u + 8), 0xFF, ' ');
  unsigned m = 0;
  for (int k = 0; k < 8; k++)
    m |= (unsigned)(a >> (8 * k + 7) & 1) << k |
         (unsigned)(b >> (8 * k + 7) & 1) << (k + 8);
  return m;
}

static inline unsigned damage16(const unsigned char *u) {
  unsigned m = 0;
  for (int k = 0; k < 16; k++)
    m |= (unsigned)((u[k] == 0xC6 && (u[k + 1] & 0xFE) == 0xA0) ||
                    (u[k] == 0xE1 && u[k + 1] == 0xBB &&
                     (u[k + 2] & 0xFE) == 0x8A))
         << k;
  return m;
}
#endif

/* The bad_fast state: the text, the first example's buffer, the counts. */
typedef struct syl_scan {
  const char *s;
  size_t n;
  char *ex;
  size_t cap;
  size_t bad, spaces, start; /* start: where the current word starts */
} syl_scan;

/* The words of the 16 bytes at s[i) that end at the spaces in sp (bit j:
** s[i + j]): each counted, and looked at when may_fire lets it through
** (the text's first bytes are always looked at). */
static inline void words16(syl_scan *c, size_t i, uint64_t sp, int first) {
  const unsigned char *u = (const unsigned char *)c->s;
  for (; sp; sp &= sp - 1) {
    size_t e = i + (unsigned)__builtin_ctzll(sp);
    c->spaces++;
    if (first && e < 5) {
      if (e > c->start)
        c->bad = check_word(c->s, c->start, e, c->ex, c->cap, c->bad, 0);
      c->start = e + 1;
      continue;
    }
    unsigned f = fin_tab[fin_key(u, e)];
    if (f != FIN_NO && e > c->start && may_fire(u, c->start, e, f))
      c->bad = check_word(c->s, c->start, e, c->ex, c->cap, c->bad, 0);
    c->start = e + 1;
  }
}

/* One 16-byte step of bad_fast at s[i): the hash, the stand-in leads
** (dmg), the words (first: the text's first step). (Four blocks a step,
** one word loop per 64 bytes, ran slower.) */
static inline uint64_t step16(syl_scan *c, size_t i, uint64_t h, size_t *dmg,
                              int first) {
  const unsigned char *u = (const unsigned char *)c->s;
  h = fnv_bytes(h, u + i, 16);
  if (dmg)
    for (unsigned m = damage16(u + i); m; m &= m - 1)
      text_damage_count_at(c->s, c->n, i + (unsigned)__builtin_ctz(m), dmg);
  words16(c, i, spaces16(u + i), first);
  return h;
}

/*
** The first look of the 32-byte steps, by the two bytes before a space
** (x = u[e - 1], y = u[e - 2]): cand_bits(x, 0) & cand_bits(y, 1) is 0
** only when fin_tab[x << 8 | y] is FIN_NO. Each bit is a class of x (its
** high and low nibble both in the class) and the y it needs: C_ANY (c p
** t h, closing punctuation, the last bytes of ă/â letters) with any y;
** C_NG: a final g after n; C_CX: a letter (or 40..7F) after c. As tables by
*nibble
** (cand_nib: x's high, x's low, y's high, y's low) for PSHUFB;
** text_syllables_filter_ok checks the cover on every pair.
*/
enum {
  C_STOP = 1, /* c p t h x, also d s @ ` */
  C_P2 = 2,   /* ! " ' ) , . */
  C_P3 = 4,   /* : ; ? */
  C_HA = 8,   /* A2, A4..AF */
  C_HB = 16,  /* B0..B7 */
  C_H8 = 32,  /* 82 83 */
  C_ANY = 63, /* the classes above: any y */
  C_NG = 64,  /* x: g G; y: n N */
  C_CX = 128  /* x: 40..7F; y: c C */
};
static const unsigned char cand_nib[4][16] = {
    {0, 0, C_P2, C_P3, C_STOP | C_NG | C_CX, C_STOP | C_CX,
     C_STOP | C_NG | C_CX, C_STOP | C_CX, C_H8, 0, C_HA, C_HB, 0, 0, 0, 0},
    {C_STOP | C_HB | C_CX, C_P2 | C_HB | C_CX, C_P2 | C_HA | C_HB | C_H8 | C_CX,
     C_STOP | C_HB | C_H8 | C_CX, C_STOP | C_HA | C_HB | C_CX,
     C_HA | C_HB | C_CX, C_HA | C_HB | C_CX, C_P2 | C_HA | C_HB | C_NG | C_CX,
     C_STOP | C_HA | C_CX, C_P2 | C_HA | C_CX, C_P3 | C_HA | C_CX,
     C_P3 | C_HA | C_CX, C_P2 | C_HA | C_CX, C_HA | C_CX, C_P2 | C_HA | C_CX,
     C_P3 | C_HA | C_CX},
    {C_ANY, C_ANY, C_ANY, C_ANY, C_ANY | C_NG | C_CX, C_ANY,
     C_ANY | C_NG | C_CX, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY,
     C_ANY, C_ANY},
    {C_ANY, C_ANY, C_ANY, C_ANY | C_CX, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY,
     C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY | C_NG, C_ANY}};

/* The class bits of byte b as x (side 0) or as y (side 1). */
static unsigned cand_bits(unsigned b, int side) {
  return cand_nib[2 * side][b >> 4] & cand_nib[2 * side + 1][b & 15];
}

int text_syllables_filter_ok(void) {
  pthread_once(&tab_once, tab_init);
  for (unsigned x = 0; x < 256; x++)
    for (unsigned y = 0; y < 256; y++)
      if (fin_tab[x << 8 | y] != FIN_NO && !(cand_bits(x, 0) & cand_bits(y, 1)))
        return 0;
  return 1;
}

#ifdef SYL_AVX2
/* The 32-byte constants of the steps, read from memory where they are
** used (built each step, or kept on the stack across the calls a step
** may make, they cost more): cand_nib's tables in both lanes (K_XHI ..
** K_YLO), then bytes repeated 32 times. */
enum { K_XHI, K_XLO, K_YHI, K_YLO, K_0F, K_SP, K_FE, K_C6, K_A0, K_BB, K_8A };
static _Alignas(32) unsigned char k32[11][32];

static void k32_init(void) {
  static const unsigned char rep[] = {0x0F, ' ', 0xFE, 0xC6, 0xA0, 0xBB, 0x8A};
  for (int j = 0; j < 32; j++) {
    for (int t = 0; t < 4; t++) k32[t][j] = cand_nib[t][j & 15];
    for (int t = 0; t < 7; t++) k32[K_0F + t][j] = rep[t];
  }
}

/* The constant k of k32. */
__attribute__((target("avx2"))) static inline __m256i kv(int k) {
  return _mm256_load_si256((const __m256i *)(const void *)k32[k]);
}

/* 32 bytes at p. */
__attribute__((target("avx2"))) static inline __m256i load32(
    const unsigned char *p) {
  return _mm256_loadu_si256((const __m256i *)(const void *)p);
}

/* The class bits of each byte of w by the tables hi (high nibble) and
** lo (low nibble): K_XHI, K_XLO or K_YHI, K_YLO. */
__attribute__((target("avx2"))) static inline __m256i nib_class(__m256i w,
                                                                int hi,
                                                                int lo) {
  __m256i h = _mm256_and_si256(_mm256_srli_epi16(w, 4), kv(K_0F));
  return _mm256_and_si256(
      _mm256_shuffle_epi8(kv(hi), h),
      _mm256_shuffle_epi8(kv(lo), _mm256_and_si256(w, kv(K_0F))));
}

/* damage16 on 32 bytes (a: the bytes at u): reads u[0..34). */
__attribute__((target("avx2"))) static inline unsigned damage32(
    const unsigned char *u, __m256i a) {
  __m256i b = load32(u + 1), c = load32(u + 2);
  __m256i o = _mm256_and_si256(
      _mm256_cmpeq_epi8(a, kv(K_C6)),
      _mm256_cmpeq_epi8(_mm256_and_si256(b, kv(K_FE)), kv(K_A0)));
  __m256i i = _mm256_and_si256(
      _mm256_cmpeq_epi8(b, kv(K_BB)),
      _mm256_cmpeq_epi8(_mm256_and_si256(c, kv(K_FE)), kv(K_8A)));
  return (unsigned)_mm256_movemask_epi8(_mm256_or_si256(o, i));
}

/*
** bad_fast's steps of 32 bytes from s[i) (i >= 16, after the first
** step) while 34 bytes are left: the hash, the stand-in leads, the
** spaces counted (POPCNT); only the spaces the class bits of the two
** bytes before them let through are looked at (fin_tab, may_fire), the
** start of their word found from the space mask; clean: stop with
** *clean 0 at a block clean_bad32 refuses. Returns where it stopped;
** c->start is the start of the word open there.
*/
__attribute__((target("avx2,popcnt"))) static inline
    __attribute__((always_inline)) size_t
    steps32_with(syl_scan *c, size_t i, uint64_t *hp, size_t *dmg, int *clean) {
  const unsigned char *u = (const unsigned char *)c->s;
  uint64_t h = *hp;
  size_t start = c->start;
  for (; i + 34 <= c->n; i += 32) {
    h = fnv_bytes(h, u + i, 32);
    __m256i w = load32(u + i), p1 = load32(u + i - 1), p2 = load32(u + i - 2);
    if (clean) {
      __m256i bad = clean_bad32(w, p1, p2);
      if (!_mm256_testz_si256(bad, bad)) {
        *clean = 0;
        break;
      }
    }
    if (dmg)
      for (unsigned m = damage32(u + i, w); m; m &= m - 1)
        text_damage_count_at(c->s, c->n, i + (unsigned)__builtin_ctz(m), dmg);
    unsigned sp =
        (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(w, kv(K_SP)));
    if (!sp) continue;
    c->spaces += (size_t)__builtin_popcount(sp);
    __m256i k = _mm256_and_si256(nib_class(p1, K_XHI, K_XLO),
                                 nib_class(p2, K_YHI, K_YLO));
    unsigned cand = sp & ~(unsigned)_mm256_movemask_epi8(
                             _mm256_cmpeq_epi8(k, _mm256_setzero_si256()));
    for (; cand; cand &= cand - 1) {
      unsigned j = (unsigned)__builtin_ctz(cand);
      size_t e = i + j;
      unsigned f = fin_tab[fin_key(u, e)];
      if (f == FIN_NO || vowel_rules_out(u, e, f))
        continue; /* the word's start only when asked */
      unsigned before = sp & ((1u << j) - 1);
      size_t lo = before ? i + 32 - (unsigned)__builtin_clz(before) : start;
      if (e > lo && may_fire(u, lo, e, f))
        c->bad = check_word(c->s, lo, e, c->ex, c->cap, c->bad, 0);
    }
    start = i + 32 - (unsigned)__builtin_clz(sp);
  }
  c->start = start;
  *hp = h;
  return i;
}

__attribute__((target("avx2,popcnt"))) static size_t steps32(syl_scan *c,
                                                             size_t i,
                                                             uint64_t *hp,
                                                             size_t *dmg) {
  return steps32_with(c, i, hp, dmg, NULL);
}

/* steps32 asking each block whether it is clean (steps32_with). */
__attribute__((target("avx2,popcnt"))) static size_t steps32_clean(
    syl_scan *c, size_t i, uint64_t *hp, size_t *dmg, int *clean) {
  return steps32_with(c, i, hp, dmg, clean);
}

#endif

/*
** text_bad_syllables' fast path: sixteen bytes a step, the spaces (and
** the stand-in leads, for dmg) found as bit masks; only the words that
** may_fire lets through are looked at; the word count is one more than
** the spaces before the last byte. The same steps hash the text
** (util_hash64) into *hash: the hash is a chain of multiplies, one per
** byte, that leaves the processor idle between them, and the word work
** (independent of it) fills those gaps. clean: *clean 1, or 0 (and the
** rest unset) at a byte text_normalize would change (text_clean.h); on
** entry 2 when the caller vouches for s's spaces and '&'s
** (text_clean_head).
*/
static size_t bad_fast(const char *s, size_t n, char *ex, size_t cap,
                       size_t *seen, uint64_t *hash, size_t *dmg, int wide,
                       int *clean) {
  const unsigned char *u = (const unsigned char *)s;
  syl_scan c = {s, n, ex, cap, 0, 0, 0};
  size_t i = 0;
  uint64_t h = UTIL_FNV_OFFSET;
  pthread_once(&tab_once, tab_init);
#ifdef SYL_AVX2
  if (clean &&
      !(*clean = use_avx2 && n >= 50 && text_clean_head(u, n, *clean == 2)))
    return 0;
#endif
  /* 2 bytes more than a step hashes: damage16 reads them */
  if (n >= 18) h = step16(&c, 0, h, dmg, 1), i = 16;
#ifdef SYL_AVX2
  if (clean) {
    i = steps32_clean(&c, i, &h, dmg, clean);
    if (!*clean || !(*clean = text_clean_rest(u, i, n))) return 0;
  } else if (wide && use_avx2 && n >= 50) {
    i = steps32(&c, i, &h, dmg);
  }
#else
  (void)wide;
  if (clean) return *clean = 0;
#endif
  for (; i + 18 <= n; i += 16) h = step16(&c, i, h, dmg, 0);
  size_t words = n > 0;
  for (; i < n; i++) { /* the last bytes, one at a time */
    h = fnv_bytes(h, u + i, 1);
    if (dmg) text_damage_count_at(s, n, i, dmg);
    if (u[i] != ' ') continue;
    words += i + 1 < n;
    c.bad = check_word(s, c.start, i, ex, cap, c.bad, 0);
    c.start = i + 1;
  }
  if (c.start < n) c.bad = check_word(s, c.start, n, ex, cap, c.bad, 0);
  *seen = words + c.spaces;
  if (hash) *hash = h;
  return c.bad;
}

/* text_bad_syllables one word a turn, with end_finals or without (slow):
** text_bad_syllables_ref. */
static size_t bad_syllables(const char *s, size_t n, size_t *seen, int slow) {
  size_t bad = 0, words = 0;
  for (size_t i = 0; i < n;) { /* one space-separated word a turn */
    size_t e = next_space(s, i, n);
    words++;
    bad = check_word(s, i, e, NULL, 0, bad, slow);
    i = e + 1;
  }
  *seen = words;
  return bad;
}

size_t text_bad_syllables(const char *s, size_t n, char *ex, size_t cap,
                          size_t *seen) {
  return bad_fast(s, n, ex, cap, seen, NULL, NULL, 1, NULL);
}

size_t text_bad_syllables_hash(const char *s, size_t n, char *ex, size_t cap,
                               size_t *seen, uint64_t *hash, int *damage) {
  size_t c[2] = {0, 0};
  size_t bad = bad_fast(s, n, ex, cap, seen, hash, damage ? c : NULL, 1, NULL);
  if (damage) *damage = text_damage_verdict(c);
  return bad;
}

/* The one pass of text_bad_syllables_clean (ask 1) and
** text_bad_syllables_fixed (ask 2: bad_fast's *clean on entry). */
static int clean_pass(const char *s, size_t n, char *ex, size_t cap,
                      size_t *seen, uint64_t *hash, int *damage, size_t *bad,
                      int ask) {
  size_t c[2] = {0, 0};
  int clean = ask;
  *bad = bad_fast(s, n, ex, cap, seen, hash, c, 1, &clean);
  if (clean) *damage = text_damage_verdict(c);
  return clean;
}

int text_bad_syllables_clean(const char *s, size_t n, char *ex, size_t cap,
                             size_t *seen, uint64_t *hash, int *damage,
                             size_t *bad) {
  return clean_pass(s, n, ex, cap, seen, hash, damage, bad, 1);
}

int text_bad_syllables_fixed(const char *s, size_t n, char *ex, size_t cap,
                             size_t *seen, uint64_t *hash, int *damage,
                             size_t *bad) {
  return clean_pass(s, n, ex, cap, seen, hash, damage, bad, 2);
}

size_t text_bad_syllables_hash16(const char *s, size_t n, char *ex, size_t cap,
                                 size_t *seen, uint64_t *hash, int *damage) {
  size_t c[2] = {0, 0};
  size_t bad = bad_fast(s, n, ex, cap, seen, hash, damage ? c : NULL, 0, NULL);
  if (damage) *damage = text_damage_verdict(c);
  return bad;
}

size_t text_bad_syllables_ref(const char *s, size_t n, size_t *seen) {
  return bad_syllables(s, n, seen, 1);
}
