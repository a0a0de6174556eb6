/*
** text_norm.c — the normaliser (text_normalize, see text.h).
**
** The normaliser makes one pass over the input bytes, writing clean UTF-8
** line by line into a growable buffer. Plain ASCII is copied with a fast
** path; every other code point is decoded once and classified. A line that
** holds combining marks (or legacy mojibake, text_legacy.c) is
** post-processed in place when its end is reached, so the extra work is
** proportional to the lines that need it. No global mutable state: all
** scratch space lives in `norm`.
*/
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"
#include "text_entity.h"
#include "text_int.h"
#include "util.h"

/* Letters only Vietnamese uses (ă đ ĩ ũ ơ ư and the U+1EA0 block). */
static int viet_specific(int32_t cp) {
  return (cp >= 0x1EA0 && cp <= 0x1EF9) || cp == 0x102 || cp == 0x103 ||
         cp == 0x110 || cp == 0x111 || cp == 0x128 || cp == 0x129 ||
         cp == 0x168 || cp == 0x169 || cp == 0x1A0 || cp == 0x1A1 ||
         cp == 0x1AF || cp == 0x1B0;
}

/* Does cp force a line through NFC composition? */
static int needs_nfc(int32_t cp) {
  if (cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF)) return 0;
  if (cp >= 0x2010 && cp <= 0x206F) return 0;
  if (cp >= 0x1160 && cp <= 0x11FF) return 1; /* Hangul jamo */
  const utf8proc_property_t *p = utf8proc_get_property(cp);
  return p->combining_class != 0 || p->comp_exclusion;
}

/* ---- the normaliser ---- */

typedef struct norm {
  buf out;            /* normalised text so far */
  size_t line;        /* offset in out where the current line starts */
  int line_marks;     /* current line holds combining marks (needs NFC) */
  size_t line_odd;    /* Latin-1 characters Vietnamese does not use */
  size_t debris_viet; /* Đ copied raw in entity debris ("&ĐT;") */
  int32_t *cps;       /* scratch: code points of one line */
  size_t cps_cap;
  buf tmp; /* scratch: one converted line */
  text_stats *st;
  int slow; /* no fast_run: every code point through put_cp (for tests) */
} norm;

static void grow_cps(norm *z, size_t need) {
  if (need <= z->cps_cap) return;
  size_t cap = z->cps_cap ? z->cps_cap : 256;
  while (cap < need) cap *= 2;
  z->cps = xrealloc(z->cps, cap * sizeof *z->cps);
  z->cps_cap = cap;
}

static int is_tone(int32_t m) {
  return m == 0x300 || m == 0x301 || m == 0x303 || m == 0x309 || m == 0x323;
}

/* Decode z->out[line..) into z->cps; returns the count. */
static size_t line_cps(norm *z) {
  const char *s = z->out.data + z->line;
  size_t n = z->out.len - z->line, k = 0;
  grow_cps(z, n + 1);
  for (size_t i = 0; i < n;) {
    int32_t cp;
    i += (size_t)text_decode(s + i, n - i, &cp);
    z->cps[k++] = cp;
  }
  return k;
}

/* Append cp to b as UTF-8. */
static void tmp_cp(buf *b, int32_t cp) {
  char e[4];
  buf_add(b, e, (size_t)text_utf8_encode(cp, e));
}

/* Replace the current line of z->out by z->tmp. */
static void replace_line(norm *z) {
  z->out.len = z->line;
  buf_add(&z->out, z->tmp.data ? z->tmp.data : "", z->tmp.len);
}

/*
** Repair combining marks in the decomposed code points c[0..n): a mark
** repeated on the same letter is dropped; a tone mark separated from its
** word by a space ("thi ̣trường") moves back onto the word when that word
** has no tone yet, else is dropped. Returns the new length.
*/
static size_t repair_marks(int32_t *c, size_t n, size_t *fixed) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    int32_t cp = c[i];
    const utf8proc_property_t *p =
        cp >= 0x300 ? utf8proc_get_property(cp) : NULL;
    if (!p || p->combining_class == 0) {
      c[k++] = cp;
      continue;
    }
    /* start of this mark's cluster in the output */
    size_t b = k;
    while (b > 0 && c[b - 1] >= 0x300 &&
           utf8proc_get_property(c[b - 1])->combining_class)
      b--;
    int dup = 0, has_tone = 0;
    for (size_t j = b; j < k; j++) {
      if (c[j] == cp) dup = 1;
      if (is_tone(c[j])) has_tone = 1;
    }
    if (dup) {
      (*fixed)++;
      continue;
    }
    if (b > 0 && c[b - 1] == ' ' && b == k &&
        (is_tone(cp) || cp == 0x302 || cp == 0x306 || cp == 0x31B)) {
      /* detached mark: find the word before the space */
      size_t w = b - 1; /* index of the space */
      size_t e = w;     /* end of the previous cluster */
      size_t s = e;
      while (s > 0 && c[s - 1] >= 0x300 &&
             utf8proc_get_property(c[s - 1])->combining_class)
        s--;
      int ok = s > 0 && text_is_letter(c[s - 1]);
      if (ok && is_tone(cp)) {
        /* the previous word must carry no tone yet */
        size_t q = e;
        while (q > 0 && c[q - 1] != ' ') {
          if (is_tone(c[q - 1])) ok = 0;
          q--;
        }
      }
      (*fixed)++;
      /* the space stays only when a word follows: never a trailing one */
      int keep_space = i + 1 < n && c[i + 1] != '\n' && c[i + 1] != ' ';
      if (ok) {
        /* put cp at the end of the cluster [s-1, e) in canonical order,
        ** then the space */
        int cc = utf8proc_get_property(cp)->combining_class;
        size_t q = w;
        while (q > s && utf8proc_get_property(c[q - 1])->combining_class > cc) {
          c[q] = c[q - 1];
          q--;
        }
        c[q] = cp;
        if (keep_space) c[k++] = ' ';
      } else if (!keep_space) {
        k--; /* the mark is dropped; so is the space before the end */
      }
      continue;
    }
    (void)has_tone;
    c[k++] = cp;
  }
  return k;
}

/* Repair marks in and compose s[0..n) to NFC, appending to z->tmp. */
static void nfc_piece(norm *z, const char *s, size_t n) {
  utf8proc_option_t opt = UTF8PROC_DECOMPOSE | UTF8PROC_STABLE;
  grow_cps(z, n + 16);
  utf8proc_ssize_t k =
      utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                         z->cps, (utf8proc_ssize_t)z->cps_cap, opt);
  if (k > (utf8proc_ssize_t)z->cps_cap) {
    grow_cps(z, (size_t)k);
    k = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                           z->cps, (utf8proc_ssize_t)z->cps_cap, opt);
  }
  utf8proc_ssize_t bytes = -1;
  if (k >= 0) {
    size_t fixed = 0;
    size_t m = repair_marks(z->cps, (size_t)k, &fixed);
    z->st->marks += fixed;
    bytes = utf8proc_reencode(z->cps, (utf8proc_ssize_t)m,
                              UTF8PROC_COMPOSE | UTF8PROC_STABLE);
  }
  if (bytes < 0) /* cannot happen on valid UTF-8; keep the piece */
    buf_add(&z->tmp, s, n);
  else
    buf_add(&z->tmp, (const char *)z->cps, (size_t)bytes);
}

/*
** Compose the current line to NFC after repairing its marks. Long lines
** go in pieces of about 16 KB, cut between two printable ASCII characters
** (no combining sequence, and no detached mark, crosses such a point), so
** scratch memory stays small whatever the line length.
*/
static void fix_nfc(norm *z) {
  size_t n = z->out.len - z->line;
  buf_reset(&z->tmp);
  size_t a = 0;
  while (a < n) {
    const char *s = z->out.data + z->line;
    size_t b = n;
    if (n - a > 16384) {
      size_t q = a + 16384;
      while (q + 1 < n &&
             !(s[q] > ' ' && s[q] < 0x7F && s[q + 1] > ' ' && s[q + 1] < 0x7F))
        q++;
      b = q + 1 < n ? q + 1 : n;
    }
    nfc_piece(z, s + a, b - a);
    a = b;
  }
  const char *s = z->out.data + z->line;
  if (z->tmp.len != n || memcmp(z->tmp.data, s, n) != 0) {
    z->st->nfc_lines++;
    replace_line(z);
  }
}

static int ascii_letter(int32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Convert the current line when it is legacy mojibake (text_legacy_fix). */
static void fix_legacy(norm *z) {
  size_t n = line_cps(z); /* first: it may move z->cps */
  int r = text_legacy_fix(z->cps, n, &z->tmp, z->st);
  if (!r) return;
  replace_line(z);
  if (r == TEXT_LEGACY_VNI) z->line_marks = 1; /* decomposed: compose */
}

/* Legacy words inside a Unicode line: counted for a warning, never
** converted (text_legacy_partial). */
static void check_partial(norm *z) {
  size_t n = line_cps(z); /* first: it may move z->cps */
  if (text_legacy_partial(z->cps, n, &z->tmp)) z->st->legacy_partial++;
}

/*
** Does the current line hold a Vietnamese-only letter (viet_specific)?
** Counted here, for the few lines that need it, rather than character by
** character as the line is written; a Đ of entity debris ("&ĐT;") does
** not count.
*/
static int line_viet(const norm *z) {
  const char *s = z->out.data + z->line;
  size_t n = z->out.len - z->line, v = 0;
  for (size_t i = 0; i < n;) {
    int32_t cp;
    i += (size_t)text_decode(s + i, n - i, &cp);
    v += (size_t)viet_specific(cp);
  }
  return v > z->debris_viet;
}

/* End of a line (or of the text): trim, repair, start the next line. */
static void end_line(norm *z) {
  while (z->out.len > z->line && z->out.data[z->out.len - 1] == ' ')
    z->out.len--;
  size_t legacy = z->st->vni_lines + z->st->tcvn3_lines;
  size_t len = z->out.len - z->line;
  int viet = z->line_odd >= 2 && len < (1u << 20) ? line_viet(z) : 0;
  if (z->line_odd >= 2 && !viet && len < (1u << 20) &&
      z->line_odd * 40 >= len) /* mojibake is dense: most words have some */
    fix_legacy(z);
  else if (z->line_odd >= 2 && viet && len < (1u << 20))
    check_partial(z);
  if (z->line_marks) {
    size_t before = z->st->nfc_lines;
    fix_nfc(z);
    /* a converted legacy line is composed as part of its conversion */
    if (legacy != z->st->vni_lines + z->st->tcvn3_lines)
      z->st->nfc_lines = before;
  }
  z->line_marks = 0, z->line_odd = z->debris_viet = 0;
}

static void put_newline(norm *z) {
  end_line(z);
  buf_addc(&z->out, '\n');
  z->line = z->out.len;
}

/* Append one decoded, non-ASCII-fast-path code point. */
static void put_cp(norm *z, int32_t cp) {
  text_stats *st = z->st;
  if (cp == '\n') return put_newline(z);
  if (cp == ' ' || cp == '\t') {
    if (z->out.len > z->line && z->out.data[z->out.len - 1] != ' ')
      buf_addc(&z->out, ' ');
    return;
  }
  if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
    st->controls++;
    return;
  }
  if (cp == 0xA0 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
      (cp >= 0x2000 && cp <= 0x200A)) {
    st->nbsp++;
    return put_cp(z, ' ');
  }
  if ((cp >= 0x200B && cp <= 0x200F) || cp == 0xFEFF || cp == 0x2060 ||
      cp == 0xAD || (cp >= 0x202A && cp <= 0x202E) ||
      (cp >= 0x2066 && cp <= 0x2069)) {
    st->zero_width++;
    return;
  }
  if (cp == 0x2028 || cp == 0x2029) return put_newline(z);
  if (cp >= 0xA1 && cp <= 0xFF && !text_latin1_viet(cp) &&
      (cp >= 0xC0 ||
       (z->out.len > z->line && ascii_letter(z->out.data[z->out.len - 1]))))
    z->line_odd++; /* a Latin-1 letter, or a symbol glued to a letter */
  if (needs_nfc(cp)) z->line_marks = 1;
  char e[4];
  buf_add(&z->out, e, (size_t)text_utf8_encode(cp, e));
}

/* The bytes of w that fast_run refuses outright (0x80 in each): C0
** controls, DEL, '&', a space next to a space, a space last in the word
** unless next_ok (the byte after the word is printable: not a space, a
** control or DEL), and bytes >= 0x80 that are neither continuation bytes
** nor the leads it takes (C3..C6, E1). */
static inline uint64_t fast_refused(uint64_t w, uint64_t cont, uint64_t lead,
                                    int next_ok) {
  uint64_t sp = util_byte_eq(w, 0xFF, ' ');
  uint64_t last = next_ok ? 0 : sp & 0x80ull << 56;
  return util_byte_eq(w, 0xE0, 0x00) | util_byte_eq(w, 0xFF, 0x7F) |
         util_byte_eq(w, 0xFF, '&') | (sp & sp << 8) | last |
         (util_byte_eq(w, 0x80, 0x80) & ~(cont | lead));
}

/* Do the C3 leads of w (bit 7 of each byte of c3), and the one the last
** word left open (pc3), all go on with a Latin-1 letter Vietnamese uses? */
static inline int fast_c3(uint64_t w, uint64_t c3, uint64_t pc3) {
  for (uint64_t m = c3 << 8 | pc3 >> 56; m; m &= m - 1) {
    unsigned b = (unsigned)(w >> (__builtin_ctzll(m) - 7)) & 0x1F;
    if (!(0x263C370Fu >> b & 1)) return 0; /* text_latin1_viet's set */
  }
  return 1;
}

/*
** fast_run's bytes eight at a time, without a branch per byte: from u[j]
** (a character boundary, not a space when it starts the run) while every
** word is printable ASCII but '&', single inner spaces, and well-formed
** sequences of the letters fast_run takes (C3..C6 leads, E1 BA / E1 BB).
** Returns a character boundary at or after j.
*/
static size_t fast_words8(const unsigned char *u, size_t j, size_t n) {
  uint64_t p2 = 0, p3 = 0, pc3 = 0; /* the last word's leads */
  for (; j + 8 <= n; j += 8) {
    uint64_t w = util_load8(u + j);
    uint64_t cont = util_byte_eq(w, 0xC0, 0x80),
             c3 = util_byte_eq(w, 0xFF, 0xC3);
    uint64_t l2 =
        c3 | (util_byte_eq(w, 0xFC, 0xC4) & ~util_byte_eq(w, 0xFF, 0xC7));
    uint64_t l3 = util_byte_eq(w, 0xFF, 0xE1);
    uint64_t need =
        l2 << 8 | l3 << 8 | l3 << 16 | p2 >> 56 | p3 >> 56 | p3 >> 48;
    uint64_t e1b = (l3 << 8 | p3 >> 56) & ~util_byte_eq(w, 0xFE, 0xBA);
    int next_ok = j + 8 < n && u[j + 8] > ' ' && u[j + 8] != 0x7F;
    if (fast_refused(w, cont, l2 | l3, next_ok) || need != cont || e1b ||
        !fast_c3(w, c3, pc3))
      break;
    p2 = l2, p3 = l3, pc3 = c3;
  }
  /* a sequence the last word left open: back to its lead */
  if ((p2 | p3) >> 63) return j - 1;
  if (p3 >> 55 & 1) return j - 2;
  return j;
}

#ifdef __SSE2__
/* Is every byte of u marked in m (bit k: u[k], the letter after a C3
** lead) a Latin-1 letter Vietnamese uses (fast_c3's test)? */
static inline int fast_c3_16(const unsigned char *u, unsigned m) {
  for (; m; m &= m - 1)
    if (!(0x263C370Fu >> (u[__builtin_ctz(m)] & 0x1F) & 1)) return 0;
  return 1;
}

/* 0xFF in each byte of w equal to v. */
static inline __m128i eq16(__m128i w, int v) {
  return _mm_cmpeq_epi8(w, _mm_set1_epi8((char)v));
}

/* 0xFF in each byte of w that leads a sequence fast_words takes: C3..C6
** (two bytes) or E1 (three). */
static inline __m128i leads16(__m128i w) {
  __m128i d = _mm_sub_epi8(w, _mm_set1_epi8((char)0xC3));
  return _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(3)), d),
                      eq16(w, 0xE1));
}

/*
** The bytes of the block w that fast_words refuses (bit k: w's byte k),
** p1 and p2 being the 16 bytes that end one and two bytes before w's end
** (zeros where they lie before the run): C0 controls, DEL, '&', a space
** after a space, a byte >= 0x80 neither a continuation nor a lead
** leads16 takes, a continuation byte where none is due or none where one
** is, a byte after E1 other than BA/BB. Every test in the vector
** registers, one mask out.
*/
static inline unsigned block_refused(__m128i w, __m128i p1, __m128i p2) {
  __m128i cont = eq16(_mm_and_si128(w, _mm_set1_epi8((char)0xC0)), 0x80);
  __m128i e1 = eq16(p1, 0xE1);
  __m128i need = _mm_or_si128(leads16(p1), eq16(p2, 0xE1));
  /* outside ' '..'~': w + 1 below 0x21 as a signed byte (DEL and the
  ** bytes >= 0x80 wrap below zero) */
  __m128i odd =
      _mm_cmplt_epi8(_mm_add_epi8(w, _mm_set1_epi8(1)), _mm_set1_epi8(0x21));
  __m128i r = _mm_xor_si128(need, cont);
  r = _mm_or_si128(r, _mm_andnot_si128(_mm_or_si128(cont, leads16(w)), odd));
  r = _mm_or_si128(r, eq16(w, '&'));
  r = _mm_or_si128(r, _mm_and_si128(eq16(w, ' '), eq16(p1, ' ')));
  __m128i ba = eq16(_mm_and_si128(w, _mm_set1_epi8((char)0xFE)), 0xBA);
  r = _mm_or_si128(r, _mm_andnot_si128(ba, e1));
  return (unsigned)_mm_movemask_epi8(r);
}

/* Does the block of 16 bytes at u[j) pass fast_words (p1, p2 as
** block_refused has them)? Also: a space last in it only before a
** printable byte, and its Latin-1 letters Vietnamese's (fast_c3). */
static inline int block_ok(const unsigned char *u, size_t j, size_t n,
                           __m128i w, __m128i p1, __m128i p2) {
  if (block_refused(w, p1, p2)) return 0;
  if (u[j + 15] == ' ' && !(j + 16 < n && u[j + 16] > ' ' && u[j + 16] != 0x7F))
    return 0;
  return fast_c3_16(u + j, (unsigned)_mm_movemask_epi8(eq16(p1, 0xC3)));
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define NORM_AVX2 1 /* fast_words' 32-byte blocks, on an AVX2 CPU */
#endif
#include "text_clean.h"
static int norm_wide = 1; /* 0: 16-byte blocks only (text_norm_wide) */

void text_norm_wide(int on) {
  norm_wide = on;
}

#ifdef NORM_AVX2
/*
** fast_words' blocks 32 bytes a step from u[j) (j >= 2: the two bytes
** before it are read where they are) while each passes block_ok's tests
** on 32 bytes -- the same as on its two halves: a space ending the first
** half before a byte that is not printable is refused in the second (a
** space after a space, or a control byte). Returns the first block not
** taken (fast_words' 16-byte steps go on from there).
*/
__attribute__((target("avx2"))) static size_t wide_blocks(
    const unsigned char *u, size_t j, size_t n) {
  for (; j + 32 <= n; j += 32) {
    __m256i w = _mm256_loadu_si256((const __m256i *)(const void *)(u + j));
    __m256i p1 = _mm256_loadu_si256((const __m256i *)(const void *)(u + j - 1));
    __m256i p2 = _mm256_loadu_si256((const __m256i *)(const void *)(u + j - 2));
    if (block_refused32(w, p1, p2)) break;
    if (u[j + 31] == ' ' &&
        !(j + 32 < n && u[j + 32] > ' ' && u[j + 32] != 0x7F))
      break;
    __m256i c3 = eq32(p1, TC_C3);
    if (!_mm256_testz_si256(c3, c3) && !c3_ok32(w, c3)) break;
  }
  return j;
}
#endif

/*
** fast_words8 sixteen bytes a step (SSE2): the same bytes taken, the
** same boundary returned, until fewer than 16 bytes are left; fast_words8
** takes those. The bytes before u[j] count as none in the first block
** (shifted in as zeros); later blocks read them where they are.
*/
static size_t fast_words(const unsigned char *u, size_t j, size_t n) {
  size_t j0 = j;
  if (j + 16 <= n) {
    __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(u + j));
    if (!block_ok(u, j, n, w, _mm_slli_si128(w, 1), _mm_slli_si128(w, 2)))
      return j;
    j += 16;
#ifdef NORM_AVX2
    if (norm_wide && j + 32 <= n && __builtin_cpu_supports("avx2"))
      j = wide_blocks(u, j, n);
#endif
    for (; j + 16 <= n; j += 16) {
      const __m128i *q = (const __m128i *)(const void *)(u + j);
      __m128i v = _mm_loadu_si128(q);
      __m128i p1 = _mm_loadu_si128((const __m128i *)(const void *)(u + j - 1));
      __m128i p2 = _mm_loadu_si128((const __m128i *)(const void *)(u + j - 2));
      if (!block_ok(u, j, n, v, p1, p2)) break;
    }
  }
  /* a sequence the last block taken left open: back to its lead */
  if (j > j0) {
    unsigned a = u[j - 1], b = u[j - 2];
    if ((a >= 0xC3 && a <= 0xC6) || a == 0xE1) return j - 1;
    if (b == 0xE1) return j - 2;
  }
  return j + 16 > n ? fast_words8(u, j, n) : j;
}
#else
#define fast_words fast_words8
#endif

/*
** The fast path: copy the longest run from s[i] of bytes that need no
** work -- printable ASCII but '&', single spaces between such bytes, and
** the Latin and Vietnamese letters (U+00C0..U+01BF, U+1E80..U+1EFF) that
** are never mojibake or combining. Eight bytes a step (fast_words), one
** by one for a word where that stops.
*/
static size_t fast_run(norm *z, const char *s, size_t n, size_t i) {
  const unsigned char *u = (const unsigned char *)s;
  size_t j = i;
  while (j < n) {
    j = fast_words(u, j, n);
    size_t lim = j + 8;
    while (j < n && j < lim) {
      unsigned c = u[j];
      if (c >= 0x21 && c < 0x7F && c != '&') {
        j++;
      } else if (c == ' ' && j > i && u[j - 1] != ' ' && j + 1 < n &&
                 u[j + 1] > ' ' && u[j + 1] != 0x7F) {
        j++;
      } else if (c >= 0xC3 && c <= 0xC6 && j + 1 < n &&
                 (u[j + 1] & 0xC0) == 0x80) {
        unsigned cp = ((c & 0x1F) << 6) | (u[j + 1] & 0x3F);
        if (cp < 0x100 && !text_latin1_viet((int32_t)cp)) goto done;
        j += 2; /* (Latin-1 but Vietnamese's: may be mojibake) */
      } else if (c == 0xE1 && j + 2 < n &&
                 (u[j + 1] == 0xBA || u[j + 1] == 0xBB) &&
                 (u[j + 2] & 0xC0) == 0x80) {
        j += 3;
      } else {
        goto done;
      }
    }
  }
done:
  if (j > i) buf_add(&z->out, s + i, j - i);
  return j;
}

/*
** An entity at s[i] == '&': decoded (an "&amp;name;" pair decodes the
** inner entity too), scraper debris written without its ';', or a plain
** '&'. Returns the index after what was read.
*/
static size_t put_entity(norm *z, const char *s, size_t n, size_t i) {
  int32_t cp;
  size_t k = text_entity_parse(s, n, i, &cp);
  if (k == 0) {
    buf_addc(&z->out, '&');
    return i + 1;
  }
  if (cp == -2) {
    z->st->debris++;
    for (size_t j = i + 1; j + 1 < i + k; j++) /* "Đ": C4 90 */
      z->debris_viet += (unsigned char)s[j] == 0xC4;
    buf_add(&z->out, s + i, k - 1);
    return i + k;
  }
  z->st->entities++;
  i += k;
  if (cp == '&' && i < n && s[i] != ' ') { /* peek "&amp;name;" */
    size_t j = i;
    while (j < n && j - i < 10 &&
           ((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z'))
      j++;
    int32_t v =
        j > i && j < n && s[j] == ';' ? text_entity_lookup(s + i, j - i) : -1;
    if (v >= 0) cp = v, i = j + 1;
  }
  put_cp(z, cp);
  return i;
}

/* The main pass over UTF-8 bytes (possibly invalid). */
static void run(norm *z, const char *s, size_t n) {
  buf_reserve(&z->out, n + n / 8 + 16);
  size_t i = 0, j;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x21 && c != 0x7F && c != '&' && !z->slow &&
        (j = fast_run(z, s, n, i)) > i) {
      i = j;
    } else if (c == '\r') {
      z->st->crlf++;
      put_newline(z);
      i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
    } else if (c == '&') {
      i = put_entity(z, s, n, i);
    } else {
      int32_t cp;
      i += (size_t)(c < 0x80 ? (cp = c, 1) : text_decode(s + i, n - i, &cp));
      if (cp < 0) z->st->invalid++, cp = 0xFFFD;
      put_cp(z, cp);
    }
  }
  end_line(z);
}

/* Decode UTF-16 (after its BOM) into UTF-8 bytes in b. */
static void from_utf16(const char *s, size_t n, int be, buf *b, size_t *bad) {
  const unsigned char *u = (const unsigned char *)s;
  buf_reserve(b, n + n / 2);
  for (size_t i = 0; i + 1 < n; i += 2) {
    int32_t w = be ? (u[i] << 8) | u[i + 1] : (u[i + 1] << 8) | u[i];
    if (w >= 0xD800 && w <= 0xDBFF && i + 3 < n) {
      int32_t w2 = be ? (u[i + 2] << 8) | u[i + 3] : (u[i + 3] << 8) | u[i + 2];
      if (w2 >= 0xDC00 && w2 <= 0xDFFF) {
        w = 0x10000 + ((w - 0xD800) << 10) + (w2 - 0xDC00);
        i += 2;
      } else {
        w = 0xFFFD, (*bad)++;
      }
    } else if (w >= 0xD800 && w <= 0xDFFF) {
      w = 0xFFFD, (*bad)++;
    }
    tmp_cp(b, w);
  }
  if (n & 1) tmp_cp(b, 0xFFFD), (*bad)++;
}

/*
** Byte-order marks: a UTF-8 BOM is skipped; UTF-16 with a BOM is decoded
** into conv. Points *s / *n at what the main pass reads; returns 1 when
** there was a mark (such input is never taken for a single-byte one).
*/
static int decode_bom(const char **s, size_t *n, buf *conv, text_stats *st) {
  const unsigned char *u = (const unsigned char *)*s;
  if (*n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    st->bom = 1;
    *s += 3, *n -= 3;
    return 1;
  }
  if (*n >= 2 &&
      ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
    int be = u[0] == 0xFE;
    st->utf16 = be ? 2 : 1;
    st->bom = 1;
    from_utf16(*s + 2, *n - 2, be, conv, &st->invalid);
    *s = conv->data ? conv->data : "", *n = conv->len;
    return 1;
  }
  return 0;
}

/* Start z over (empty output, fresh statistics in st). */
static void norm_init(norm *z, text_stats *st, int slow) {
  memset(z, 0, sizeof *z);
  z->slow = slow;
  memset(st, 0, sizeof *st);
  z->st = st;
  buf_init(&z->out);
  buf_init(&z->tmp);
}

static void norm_free(norm *z) {
  buf_free(&z->out);
  buf_free(&z->tmp);
  free(z->cps);
}

/*
** The main pass over s[0..n), read as UTF-8 first. Only when that met an
** invalid byte is the input asked whether it is clearly single-byte
** (text_legacy_decode: a verdict from its first 64 KB); if so z starts
** over on the Windows-1252/1258 decoding (in conv). Valid UTF-8 never
** gets that verdict, so most texts are read once, not twice. The slow
** path (text_normalize_ref) asks first, as every text once was: the
** tests compare the two.
*/
static void run_input(norm *z, const char *s, size_t n, buf *conv) {
  if (z->slow) { /* the verdict first */
    if (text_legacy_decode(s, n, conv, z->st)) s = conv->data, n = conv->len;
    run(z, s ? s : "", n);
    return;
  }
  run(z, s, n);
  if (!z->st->invalid) return;
  text_stats legacy;
  memset(&legacy, 0, sizeof legacy);
  if (!text_legacy_decode(s, n, conv, &legacy)) return;
  text_stats *st = z->st;
  int slow = z->slow;
  norm_free(z);
  norm_init(z, st, slow);
  st->cp1252 = legacy.cp1252, st->cp1258 = legacy.cp1258;
  run(z, conv->data ? conv->data : "", conv->len);
}

#ifdef NORM_AVX2
/* Does text_normalize write each '&' of s[0..n) as it is (no entity,
** no debris: text_entity_parse)? */
static int amps_plain(const char *s, size_t n) {
  int32_t cp;
  for (const char *p = s; (p = memchr(p, '&', n - (size_t)(p - s))); p++)
    if (text_entity_parse(s, n, (size_t)(p - s), &cp)) return 0;
  return 1;
}
#endif

/*
** text_normalize of a text that is its normal form but for its spaces
** (runs of them, by a newline, first or last) -- most are: copied as
** text_clean_scan reads it up to the first space to drop or '&', then
** with its spaces as the normaliser writes them (text_clean_copy), its
** '&'s asked (amps_plain), the copy checked clean in the pass that
** hashes it and checks its syllables (text_bad_syllables_fixed); the
** statistics those of that pass. NULL when a byte needs the normaliser
** (or without AVX2, or with the 32-byte blocks off: text_norm_wide).
*/
static char *clean_copy(const char *s, size_t n, size_t *outlen,
                        text_stats *st) {
  size_t full = n;
  while (n && s[n - 1] == ' ') n--;
  memset(st, 0, sizeof *st);
#ifdef NORM_AVX2
  const unsigned char *u = (const unsigned char *)s;
  size_t bad, seen, m = n, k;
  uint64_t hash;
  int damage;
  if (!norm_wide || n < 50 || !__builtin_cpu_supports("avx2")) return NULL;
  char *t = xmalloc(n + 1);
  k = text_clean_scan(u, n, (unsigned char *)t);
  if (k < n && !amps_plain(s, full)) {
    free(t);
    return NULL;
  }
  if (k < n) m = text_clean_copy(u, n, k, (unsigned char *)t);
  if (!text_bad_syllables_fixed(t, m, st->bad_example, sizeof st->bad_example,
                                &seen, &hash, &damage, &bad)) {
    free(t);
    return NULL;
  }
  st->bad_syllables = bad, st->viet_syllables = seen;
  st->hash = hash, st->damage_possible = damage;
  t[m] = '\0';
  if (outlen) *outlen = m;
  return t;
#else
  (void)full, (void)outlen;
  return NULL;
#endif
}

/* text_normalize, with or without the fast path (slow). */
static char *normalize(const char *s, size_t n, size_t *outlen, text_stats *st,
                       int slow) {
  text_stats dummy;
  norm z;
  if (!st) st = &dummy;
  char *clean = slow ? NULL : clean_copy(s, n, outlen, st);
  if (clean) return clean;
  norm_init(&z, st, slow);
  buf conv;
  buf_init(&conv);
  if (decode_bom(&s, &n, &conv, st))
    run(&z, s, n);
  else
    run_input(&z, s, n, &conv);
  buf_reserve(&z.out, 0);
  z.out.data[z.out.len] = '\0'; /* trimming may have cut the text */
  st->bad_syllables = text_bad_syllables_hash(
      z.out.data, z.out.len, st->bad_example, sizeof st->bad_example,
      &st->viet_syllables, &st->hash, &st->damage_possible);
  buf_free(&conv);
  buf_free(&z.tmp);
  free(z.cps);
  if (outlen) *outlen = z.out.len;
  return buf_detach(&z.out);
}

char *text_normalize(const char *s, size_t n, size_t *outlen, text_stats *st) {
  return normalize(s, n, outlen, st, 0);
}

char *text_normalize_ref(const char *s, size_t n, size_t *outlen,
                         text_stats *st) {
  return normalize(s, n, outlen, st, 1);
}

char *text_normalize_str(const char *s, size_t n, size_t *outlen) {
  return text_normalize(s, n, outlen, NULL);
}