/*
** util.c — buffers, arenas, checked allocation, hashing (whole-file
** reads: util_read.c).
*/
#include "util.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define JSON_AVX2 1 /* json_special's AVX2 form, when the CPU has it */
#endif

#include <malloc.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

#if defined(__SANITIZE_ADDRESS__)
#define XMEM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define XMEM_ASAN 1
#endif
#endif
#ifdef XMEM_ASAN
/* the sanitizer runtime's (gcc ships no header for it) */
size_t __sanitizer_get_current_allocated_bytes(void);
#endif

static void oom(size_t n) {
  fprintf(stderr, "tinsh: out of memory (%zu bytes)\n", n);
  abort();
}

/* ---- the heap guard ---- */

#define XMEM_STEP (4u << 20) /* bytes allocated between two heap checks */

static size_t xmem_ceiling;            /* 0: no guard */
static void (*xmem_over)(size_t heap); /* does not return */
static atomic_size_t xmem_since;       /* bytes allocated since a check */

size_t xmem_heap(void) {
#ifdef XMEM_ASAN
  return __sanitizer_get_current_allocated_bytes();
#else
  struct mallinfo2 mi = mallinfo2();
  return mi.uordblks + mi.hblkhd;
#endif
}

void xmem_guard(size_t ceiling, void (*over)(size_t heap)) {
  xmem_over = over;
  xmem_ceiling = over ? ceiling : 0;
  atomic_store(&xmem_since, 0);
}

void xmem_expect(size_t n) {
  if (!xmem_ceiling) return;
  size_t heap = xmem_heap();
  if (heap > xmem_ceiling || n > xmem_ceiling - heap) xmem_over(heap + n);
}

/* count n allocated bytes; check the heap every XMEM_STEP of them, and
** before an allocation that is a step or more by itself */
static void xmem_count(size_t n) {
  if (!xmem_ceiling) return;
  if (n >= XMEM_STEP) {
    xmem_expect(n);
  } else if (atomic_fetch_add(&xmem_since, n) + n >= XMEM_STEP) {
    atomic_store(&xmem_since, 0);
    xmem_expect(n);
  }
}

void *xmalloc(size_t n) {
  xmem_count(n);
  void *p = malloc(n ? n : 1);
  if (!p) oom(n);
  return p;
}

void *xcalloc(size_t n, size_t m) {
  if (m && n > SIZE_MAX / m) oom(SIZE_MAX);
  xmem_count(n * m);
  void *p = calloc(n ? n : 1, m ? m : 1);
  if (!p) oom(n * m);
  return p;
}

void *xrealloc(void *p, size_t n) {
  xmem_count(n);
  void *q = realloc(p, n ? n : 1);
  if (!q) oom(n);
  return q;
}

char *xstrndup(const char *s, size_t n) {
  char *d = xmalloc(n + 1);
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

char *xstrdup(const char *s) {
  return xstrndup(s, strlen(s));
}

/* ---- buf ---- */

void buf_init(buf *b) {
  b->data = NULL, b->len = b->cap = 0;
}

void buf_free(buf *b) {
  free(b->data);
  buf_init(b);
}

void buf_reset(buf *b) {
  b->len = 0;
  if (b->data) b->data[0] = '\0';
}

void buf_reserve(buf *b, size_t extra) {
  size_t need = b->len + extra + 1;
  if (need <= b->cap) return;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need) cap *= 2;
  b->data = xrealloc(b->data, cap);
  b->cap = cap;
}

void buf_add(buf *b, const void *p, size_t n) {
  buf_reserve(b, n);
  if (n) memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void buf_adds(buf *b, const char *s) {
  buf_add(b, s, strlen(s));
}

void buf_addc(buf *b, char c) {
  buf_reserve(b, 1);
  b->data[b->len++] = c;
  b->data[b->len] = '\0';
}

void buf_printf(buf *b, const char *fmt, ...) {
  va_list ap;
  buf_reserve(b, 63); /* most outputs fit: format once */
  va_start(ap, fmt);
  int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
  va_end(ap);
  if (n < 0) {
    b->data[b->len] = '\0';
    return;
  }
  if ((size_t)n < b->cap - b->len) {
    b->len += (size_t)n;
    return;
  }
  buf_reserve(b, (size_t)n);
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

char *buf_detach(buf *b) {
  char *s = b->data ? b->data : xstrdup("");
  buf_init(b);
  return s;
}

/*
** The end of the run from u[i] (a character boundary) that a JSON string
** takes as it is, eight bytes a step without a branch per byte: no byte
** below 0x20, no '"' or '\\', and well-formed 2- and 3-byte sequences
** only -- every continuation byte is one that a lead byte just before
** asks for, and no lead that may start an overlong form, a surrogate or a
** 4-byte sequence (C0 C1 E0 ED F0..FF: those go the byte-by-byte way).
** Returns a character boundary at or after i: the rest is left to
** buf_add_json_str's byte-by-byte loop.
*/
static size_t json_fast(const unsigned char *u, size_t i, size_t n) {
  uint64_t p2 = 0, p3 = 0; /* the last word's 2- and 3-byte leads */
  for (; i + 8 <= n; i += 8) {
    uint64_t w = util_load8(u + i);
    uint64_t l2 = util_byte_eq(w, 0xE0, 0xC0), l3 = util_byte_eq(w, 0xF0, 0xE0);
    uint64_t stop = util_byte_eq(w, 0xE0, 0x00) | util_byte_eq(w, 0xFF, '"') |
                    util_byte_eq(w, 0xFF, '\\') | util_byte_eq(w, 0xF0, 0xF0) |
                    util_byte_eq(w, 0xFE, 0xC0) | util_byte_eq(w, 0xFF, 0xE0) |
                    util_byte_eq(w, 0xFF, 0xED);
    uint64_t need =
        l2 << 8 | l3 << 8 | l3 << 16 | p2 >> 56 | p3 >> 56 | p3 >> 48;
    if (stop || need != util_byte_eq(w, 0xC0, 0x80)) break;
    p2 = l2, p3 = l3;
  }
  /* a sequence the last word left open: back to its lead */
  if ((p2 | p3) >> 63) return i - 1;
  if (p3 >> 55 & 1) return i - 2;
  return i;
}

/* The escape of ASCII byte c (below 0x20, '"' or '\\') into b. */
static void json_escape(buf *b, unsigned char c) {
  static const char hex[] = "0123456789abcdef";
  char e[6] = {'\\', (char)c, '0', '0', hex[c >> 4], hex[c & 15]};
  size_t k = 2;
  if (c == '\n')
    e[1] = 'n';
  else if (c == '\r')
    e[1] = 'r';
  else if (c == '\t')
    e[1] = 't';
  else if (c < 0x20)
    e[1] = 'u', k = 6;
  buf_add(b, e, k);
}

/*
** Is s[0..n) made of ASCII and the 2- and 3-byte sequences that
** buf_add_json_str passes as they are without asking utf8proc (leads C2..DF,
** E1..EC, EE..EF, each with its continuation bytes)? Such a text is valid
** UTF-8, and buf_add_json_utf8 writes what buf_add_json_str would. One
** byte or sequence a turn from u[i] (a character boundary), ASCII eight
** bytes a step.
*/
static int plain_utf8_from(const unsigned char *u, size_t i, size_t n) {
  while (i < n) {
    if (i + 8 <= n && !(util_load8(u + i) & 0x8080808080808080ull)) {
      i += 8;
      continue;
    }
    unsigned c = u[i];
    if (c < 0x80) {
      i++;
    } else if (c >= 0xC2 && c < 0xE0) {
      if (i + 1 >= n || (u[i + 1] & 0xC0) != 0x80) return 0;
      i += 2;
    } else if (c >= 0xE1 && c < 0xF0 && c != 0xED) {
      if (i + 2 >= n || (u[i + 1] & 0xC0) != 0x80 || (u[i + 2] & 0xC0) != 0x80)
        return 0;
      i += 3;
    } else {
      return 0; /* the rest: buf_add_json_str's own way */
    }
  }
  return 1;
}

#ifdef __SSE2__
/* 0xFF in each byte of w in lo..hi (unsigned). */
static inline __m128i in_range16(__m128i w, int lo, int hi) {
  __m128i d = _mm_sub_epi8(w, _mm_set1_epi8((char)lo));
  return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8((char)(hi - lo))), d);
}

/* 0xFF in each byte of w that leads a 3-byte sequence plain_utf8_from
** takes (E1..EF but ED). */
static inline __m128i lead3_16(__m128i w) {
  return _mm_andnot_si128(_mm_cmpeq_epi8(w, _mm_set1_epi8((char)0xED)),
                          in_range16(w, 0xE1, 0xEF));
}

/*
** Does the block w (16 bytes) keep to plain_utf8_from's bytes, p1 and p2
** being the 16 bytes that end one and two bytes before w's end? Every
** byte ASCII, a continuation byte or a lead it takes, and a continuation
** byte exactly where a lead before asks for one.
*/
static inline int block_plain(__m128i w, __m128i p1, __m128i p2) {
  __m128i cont = _mm_cmpeq_epi8(_mm_and_si128(w, _mm_set1_epi8((char)0xC0)),
                                _mm_set1_epi8((char)0x80));
  __m128i l2 = in_range16(w, 0xC2, 0xDF), l3 = lead3_16(w);
  __m128i need = _mm_or_si128(
      _mm_or_si128(in_range16(p1, 0xC2, 0xDF), lead3_16(p1)), lead3_16(p2));
  /* a byte >= 0x80 that is neither a continuation nor a lead taken */
  __m128i odd = _mm_andnot_si128(_mm_or_si128(cont, _mm_or_si128(l2, l3)),
                                 _mm_cmplt_epi8(w, _mm_setzero_si128()));
  return !_mm_movemask_epi8(_mm_or_si128(odd, _mm_xor_si128(need, cont)));
}
#endif

/*
** plain_utf8_from from u[0], sixteen bytes a step (SSE2) while the blocks
** keep to its bytes; from the first block that does not, or the last
** bytes, plain_utf8_from itself (from the lead of a sequence the blocks
** taken left open). slow: plain_utf8_from alone (for the tests).
*/
static int json_plain_utf8(const unsigned char *u, size_t n, int slow) {
  size_t i = 0;
#ifdef __SSE2__
  if (!slow && n >= 16) {
    __m128i w = _mm_loadu_si128((const __m128i *)(const void *)u);
    if (block_plain(w, _mm_slli_si128(w, 1), _mm_slli_si128(w, 2))) {
      for (i = 16; i + 16 <= n; i += 16) {
        const unsigned char *q = u + i;
        if (!block_plain(
                _mm_loadu_si128((const __m128i *)(const void *)q),
                _mm_loadu_si128((const __m128i *)(const void *)(q - 1)),
                _mm_loadu_si128((const __m128i *)(const void *)(q - 2))))
          break;
      }
      /* back to the lead of a sequence the last block left open */
      unsigned a = u[i - 1], b = u[i - 2];
      if (a >= 0xC2)
        i -= 1;
      else if (b >= 0xE1)
        i -= 2;
    }
  }
#endif
  (void)slow;
  return plain_utf8_from(u, i, n);
}

int buf_json_plain_utf8(const char *s, size_t n, int slow) {
  return json_plain_utf8((const unsigned char *)s, n, slow);
}

/*
** Plain bytes are never copied one by one: runs of them go in one buf_add.
** json_fast passes most of a text; where it stops, one word (8 bytes) goes
** byte by byte before it is tried again. A text json_plain_utf8 passes goes
** the way of buf_add_json_utf8.
*/
void buf_add_json_str(buf *b, const char *s, size_t n) {
  if (json_plain_utf8((const unsigned char *)s, n, 0)) {
    buf_add_json_utf8(b, s, n);
    return;
  }
  const unsigned char *u0 = (const unsigned char *)s;
  buf_reserve(b, n + 2);
  buf_addc(b, '"');
  size_t run = 0;     /* start of the pending run of plain bytes */
  size_t slow_to = 0; /* byte by byte up to here */
  for (size_t i = 0; i < n; i++) {
    if (i >= slow_to) {
      i = json_fast(u0, i, n);
      slow_to = i + 8;
      if (i >= n) break;
    }
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80) { /* a valid sequence passes; a bad byte is U+FFFD */
      const unsigned char *u = u0 + i;
      if (c >= 0xC2 && c < 0xE0 && i + 1 < n && (u[1] & 0xC0) == 0x80) {
        i++; /* two bytes, valid: the common case, without utf8proc */
        continue;
      }
      if (c >= 0xE1 && c < 0xF0 && c != 0xED && i + 2 < n &&
          (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        i += 2; /* three bytes, no surrogate, no overlong form: valid */
        continue;
      }
      utf8proc_int32_t cp;
      utf8proc_ssize_t k = utf8proc_iterate(u, (utf8proc_ssize_t)(n - i), &cp);
      if (k > 0) {
        i += (size_t)k - 1;
        continue;
      }
      buf_add(b, s + run, i - run);
      run = i + 1;
      buf_adds(b, "\\ufffd");
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    buf_add(b, s + run, i - run);
    run = i + 1;
    json_escape(b, c);
  }
  buf_add(b, s + run, n - run);
  buf_addc(b, '"');
}

/*
** The first byte of u[i..n) that a JSON string must escape (below 0x20,
** '"' or '\\'), or n: sixteen bytes a step with SSE2, eight without.
*/
static size_t json_special_sse2(const unsigned char *u, size_t i, size_t n) {
#ifdef __SSE2__
  const __m128i lim = _mm_set1_epi8(0x1F), q = _mm_set1_epi8('"'),
                bs = _mm_set1_epi8('\\');
  if (n - i > 16 && n - i < 32) { /* a short text: two loads that overlap */
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
    __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(u + n - 16));
    unsigned ma = (unsigned)_mm_movemask_epi8(_mm_or_si128(
        _mm_cmpeq_epi8(_mm_max_epu8(a, lim), lim),
        _mm_or_si128(_mm_cmpeq_epi8(a, q), _mm_cmpeq_epi8(a, bs))));
    if (ma) return i + (size_t)__builtin_ctz(ma);
    unsigned mb = (unsigned)_mm_movemask_epi8(_mm_or_si128(
        _mm_cmpeq_epi8(_mm_max_epu8(b, lim), lim),
        _mm_or_si128(_mm_cmpeq_epi8(b, q), _mm_cmpeq_epi8(b, bs))));
    return mb ? n - 16 + (size_t)__builtin_ctz(mb) : n;
  }
#endif
  if (n - i >= 8 && n - i <= 16) { /* two words that overlap */
    uint64_t w = util_load8(u + i), v = util_load8(u + n - 8);
    uint64_t hw = util_byte_eq(w, 0xE0, 0x00) | util_byte_eq(w, 0xFF, '"') |
                  util_byte_eq(w, 0xFF, '\\');
    if (hw) return i + ((size_t)__builtin_ctzll(hw) >> 3);
    uint64_t hv = util_byte_eq(v, 0xE0, 0x00) | util_byte_eq(v, 0xFF, '"') |
                  util_byte_eq(v, 0xFF, '\\');
    return hv ? n - 8 + ((size_t)__builtin_ctzll(hv) >> 3) : n;
  }
#ifdef __SSE2__
  for (; i + 16 <= n; i += 16) {
    __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
    __m128i low = _mm_cmpeq_epi8(_mm_max_epu8(w, lim), lim); /* <= 0x1F */
    __m128i hit = _mm_or_si128(
        low, _mm_or_si128(_mm_cmpeq_epi8(w, q), _mm_cmpeq_epi8(w, bs)));
    unsigned m = (unsigned)_mm_movemask_epi8(hit);
    if (m) return i + (size_t)__builtin_ctz(m);
  }
#endif
  for (; i + 8 <= n; i += 8) {
    uint64_t w = util_load8(u + i);
    uint64_t hit = util_byte_eq(w, 0xE0, 0x00) | util_byte_eq(w, 0xFF, '"') |
                   util_byte_eq(w, 0xFF, '\\');
    if (hit) return i + ((size_t)__builtin_ctzll(hit) >> 3);
  }
  while (i < n && u[i] >= 0x20 && u[i] != '"' && u[i] != '\\') i++;
  return i;
}

#ifdef JSON_AVX2
/* The bytes of w (32) that JSON escapes: below 0x20, '"' and '\\'. */
__attribute__((target("avx2"))) static inline __m256i json_hits(__m256i w) {
  const __m256i lim = _mm256_set1_epi8(0x1F), q = _mm256_set1_epi8('"'),
                bs = _mm256_set1_epi8('\\');
  __m256i low = _mm256_cmpeq_epi8(_mm256_max_epu8(w, lim), lim); /* <= 0x1F */
  return _mm256_or_si256(
      low, _mm256_or_si256(_mm256_cmpeq_epi8(w, q), _mm256_cmpeq_epi8(w, bs)));
}

/* json_special_sse2 with AVX2: 64 bytes a step, then 32, the rest by
** json_special_sse2. */
__attribute__((target("avx2"))) static size_t json_special_avx2(
    const unsigned char *u, size_t i, size_t n) {
  for (; i + 64 <= n; i += 64) {
    __m256i a = json_hits(_mm256_loadu_si256((const __m256i *)(u + i)));
    __m256i b = json_hits(_mm256_loadu_si256((const __m256i *)(u + i + 32)));
    if (_mm256_testz_si256(_mm256_or_si256(a, b), _mm256_or_si256(a, b)))
      continue;
    uint64_t m = (uint32_t)_mm256_movemask_epi8(a) |
                 (uint64_t)(uint32_t)_mm256_movemask_epi8(b) << 32;
    return i + (size_t)__builtin_ctzll(m);
  }
  for (; i + 32 <= n; i += 32) {
    __m256i a = json_hits(_mm256_loadu_si256((const __m256i *)(u + i)));
    unsigned m = (unsigned)_mm256_movemask_epi8(a);
    if (m) return i + (size_t)__builtin_ctz(m);
  }
  if (i == n || n < 32) return n < 32 ? json_special_sse2(u, i, n) : n;
  /* the last 32 bytes, which overlap bytes passed already (none to
  ** escape there: the first hit is at i or after) */
  __m256i a = json_hits(_mm256_loadu_si256((const __m256i *)(u + n - 32)));
  unsigned m = (unsigned)_mm256_movemask_epi8(a);
  return m ? n - 32 + (size_t)__builtin_ctz(m) : n;
}
#endif

/* d[0..n) = s[0..n) for n <= 32 without a call: two loads that overlap
** (16, 8 or 4 bytes each), or for n < 4 the first, middle and last
** byte. */
static inline void copy_short(char *d, const char *s, size_t n) {
  if (n >= 16) {
#ifdef __SSE2__
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
    _mm_storeu_si128((__m128i *)(void *)d, a);
    _mm_storeu_si128((__m128i *)(void *)(d + n - 16), b);
#else
    memcpy(d, s, n);
#endif
  } else if (n >= 8) {
    uint64_t a, b;
    memcpy(&a, s, 8), memcpy(&b, s + n - 8, 8);
    memcpy(d, &a, 8), memcpy(d + n - 8, &b, 8);
  } else if (n >= 4) {
    uint32_t a, b;
    memcpy(&a, s, 4), memcpy(&b, s + n - 4, 4);
    memcpy(d, &a, 4), memcpy(d + n - 4, &b, 4);
  } else if (n) {
    d[0] = s[0], d[n >> 1] = s[n >> 1], d[n - 1] = s[n - 1];
  }
}

#ifdef JSON_AVX2

/*
** json_utf8_loop with AVX2 for n >= 32: the bytes are copied as they
** are looked at, 32 a step, each step stored whole (the room of the
** rest of the text is there: a store past an escape is written over);
** the last bytes, fewer than 32, are looked at in the 32 that end the
** text and copied by copy_short. Neither json_special nor memcpy is
** called; what it writes is json_utf8_loop's.
*/
__attribute__((target("avx2"))) static void json_utf8_avx2(
    buf *b, const unsigned char *u, size_t n) {
  if (b->len + n + 3 > b->cap) buf_reserve(b, n + 2);
  char *o = b->data + b->len;
  *o++ = '"';
  size_t i = 0;
  const __m256i k20 = _mm256_set1_epi8(0x20), q = _mm256_set1_epi8('"'),
                bs = _mm256_set1_epi8('\\');
  for (;;) {
    unsigned m = 0;
    /* 64 bytes a step while none is escaped: one test of both halves
    ** (a byte below 0x20 leaves 0x20 - min(a, c) nonzero) */
    for (; i + 64 <= n; i += 64, o += 64) {
      __m256i a = _mm256_loadu_si256((const __m256i *)(const void *)(u + i));
      __m256i c =
          _mm256_loadu_si256((const __m256i *)(const void *)(u + i + 32));
      _mm256_storeu_si256((__m256i *)(void *)o, a);
      _mm256_storeu_si256((__m256i *)(void *)(o + 32), c);
      __m256i any = _mm256_or_si256(
          _mm256_subs_epu8(k20, _mm256_min_epu8(a, c)),
          _mm256_or_si256(
              _mm256_or_si256(_mm256_cmpeq_epi8(a, q), _mm256_cmpeq_epi8(c, q)),
              _mm256_or_si256(_mm256_cmpeq_epi8(a, bs),
                              _mm256_cmpeq_epi8(c, bs))));
      if (!_mm256_testz_si256(any, any)) break; /* the 32-byte steps find it */
    }
    for (; i + 32 <= n; i += 32, o += 32) {
      __m256i w = _mm256_loadu_si256((const __m256i *)(const void *)(u + i));
      _mm256_storeu_si256((__m256i *)(void *)o, w);
      if ((m = (unsigned)_mm256_movemask_epi8(json_hits(w))) != 0) break;
    }
    if (!m) {
      if (i == n) break;
      size_t k = n - i; /* 1..31: the last 32 bytes hold them at 32 - k */
      __m256i w =
          _mm256_loadu_si256((const __m256i *)(const void *)(u + n - 32));
      m = (unsigned)_mm256_movemask_epi8(json_hits(w)) >> (32 - k);
      copy_short(o, (const char *)u + i, k);
      if (!m) {
        o += k, i = n;
        break;
      }
    }
    size_t j = (size_t)__builtin_ctz(m); /* u[i + j] is escaped */
    o += j, i += j;
    b->len = (size_t)(o - b->data);
    json_escape(b, u[i]); /* reserves what it writes */
    buf_reserve(b, n - i + 1);
    o = b->data + b->len;
    i++;
  }
  *o++ = '"';
  *o = '\0';
  b->len = (size_t)(o - b->data);
}
#endif

/* json_special_sse2, in its AVX2 form when the CPU has AVX2. */
static size_t json_special(const unsigned char *u, size_t i, size_t n) {
#ifdef JSON_AVX2
  if (n - i >= 32 && __builtin_cpu_supports("avx2"))
    return json_special_avx2(u, i, n);
#endif
  return json_special_sse2(u, i, n);
}

#ifndef __SSE2__ /* json_short's test without SSE2 */
/* 0x80 in each byte of w that a JSON string escapes (below 0x20, '"',
** '\\'), 0 in the others. */
static inline uint64_t json_special8(uint64_t w) {
  return util_byte_eq(w, 0xE0, 0x00) | util_byte_eq(w, 0xFF, '"') |
         util_byte_eq(w, 0xFF, '\\');
}
#endif

/*
** buf_add_json_utf8 for a text of at most 16 bytes that has no byte to
** escape: its bytes read and written as two words that overlap (at least
** 8 bytes), two halves (4 to 7) or one by one, with neither json_special
** nor memcpy called. Returns 0, writing nothing, when a byte must be
** escaped (or n > 16): the general loop does it then.
*/
static int json_short(buf *b, const unsigned char *u, size_t n) {
  uint64_t a, c;
  if (n >= 8 && n <= 16) {
    memcpy(&a, u, 8), memcpy(&c, u + n - 8, 8); /* host order: stored back */
  } else if (n >= 4 && n < 8) {
    uint32_t a4, c4;
    memcpy(&a4, u, 4), memcpy(&c4, u + n - 4, 4);
    a = a4 | 0x2020202000000000ull, c = c4 | 0x2020202000000000ull;
  } else if (n < 4) {
    a = c = 0x2020202020202020ull; /* spaces: nothing to escape */
    for (size_t i = 0; i < n; i++) a = a << 8 | u[i];
  } else {
    return 0;
  }
#ifdef __SSE2__
  { /* both words in one 16-byte test (fewer steps than two 8-byte ones) */
    const __m128i lim = _mm_set1_epi8(0x1F);
    __m128i w = _mm_set_epi64x((long long)c, (long long)a);
    __m128i hit =
        _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(w, lim), lim),
                     _mm_or_si128(_mm_cmpeq_epi8(w, _mm_set1_epi8('"')),
                                  _mm_cmpeq_epi8(w, _mm_set1_epi8('\\'))));
    if (_mm_movemask_epi8(hit)) return 0;
  }
#else
  if (json_special8(a) | json_special8(c)) return 0;
#endif
  if (b->len + n + 3 > b->cap) buf_reserve(b, n + 2);
  char *o = b->data + b->len;
  *o = '"';
  if (n >= 8) {
    memcpy(o + 1, &a, 8), memcpy(o + 1 + n - 8, &c, 8);
  } else if (n >= 4) {
    uint32_t a4 = (uint32_t)a, c4 = (uint32_t)c;
    memcpy(o + 1, &a4, 4), memcpy(o + 1 + n - 4, &c4, 4);
  } else {
    for (size_t i = 0; i < n; i++) o[1 + i] = (char)u[i];
  }
  o[n + 1] = '"', o[n + 2] = '\0';
  b->len += n + 2;
  return 1;
}

#ifdef __SSE2__
/* json_short for 17 to 32 bytes: two blocks of 16 that overlap. */
static int json_short32(buf *b, const unsigned char *u, size_t n) {
  const __m128i lim = _mm_set1_epi8(0x1F), q = _mm_set1_epi8('"'),
                bs = _mm_set1_epi8('\\');
  __m128i a = _mm_loadu_si128((const __m128i *)(const void *)u);
  __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(u + n - 16));
  __m128i hit = _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(a, lim), lim),
                   _mm_cmpeq_epi8(_mm_max_epu8(c, lim), lim)),
      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(a, q), _mm_cmpeq_epi8(c, q)),
                   _mm_or_si128(_mm_cmpeq_epi8(a, bs), _mm_cmpeq_epi8(c, bs))));
  if (_mm_movemask_epi8(hit)) return 0;
  if (b->len + n + 3 > b->cap) buf_reserve(b, n + 2);
  char *o = b->data + b->len;
  *o = '"';
  _mm_storeu_si128((__m128i *)(void *)(o + 1), a);
  _mm_storeu_si128((__m128i *)(void *)(o + 1 + n - 16), c);
  o[n + 1] = '"', o[n + 2] = '\0';
  b->len += n + 2;
  return 1;
}
#endif

/*
** The bytes between two escapes go in one buf_add; nothing else is looked
** at, which is what lets a valid text through at memory speed:
** buf_add_json_utf8's way for a text that json_short and json_short32 do
** not take (kept out of line: those need none of its registers saved).
*/
static __attribute__((noinline)) void json_utf8_loop(buf *b, const char *s,
                                                     size_t n) {
  const unsigned char *u = (const unsigned char *)s;
#ifdef JSON_AVX2
  if (n >= 32 && __builtin_cpu_supports("avx2")) {
    json_utf8_avx2(b, u, n);
    return;
  }
#endif
  /* room for the quotes and every byte as it is; each escape asks for
  ** its own extra room */
  if (b->len + n + 3 > b->cap) buf_reserve(b, n + 2);
  char *o = b->data + b->len;
  *o++ = '"';
  size_t run = 0;
  for (size_t i = json_special(u, 0, n); i < n; i = json_special(u, i, n)) {
    memcpy(o, s + run, i - run);
    b->len = (size_t)(o - b->data) + (i - run);
    json_escape(b, u[i]); /* reserves what it writes */
    buf_reserve(b, n - i + 1);
    o = b->data + b->len;
    run = ++i;
  }
  memcpy(o, s + run, n - run);
  o += n - run;
  *o++ = '"';
  *o = '\0';
  b->len = (size_t)(o - b->data);
}

void buf_add_json_utf8(buf *b, const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  if (n <= 16 && json_short(b, u, n)) return;
#ifdef __SSE2__
  if (n > 16 && n <= 32 && json_short32(b, u, n)) return;
#endif
  json_utf8_loop(b, s, n);
}

/* ---- arena ---- */

struct arena_chunk {
  arena_chunk *next;
  size_t used, cap;
  _Alignas(16) unsigned char data[];
};

#define ARENA_CHUNK 16384 /* bytes of a chunk (more for a larger take) */

/* A thread's one spare chunk of ARENA_CHUNK bytes (its key's value;
** freed when the thread ends): arena_free keeps one there and
** arena_grow's next chunk of that size is it, so a document's first
** chunk is not handed back to malloc and asked for again each time. */
static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;

static void spare_init(void) {
  if (pthread_key_create(&spare_key, free) != 0) abort();
}

/* The thread's spare chunk, taken (NULL when it has none). */
static arena_chunk *spare_take(void) {
  pthread_once(&spare_once, spare_init);
  arena_chunk *c = pthread_getspecific(spare_key);
  if (c) pthread_setspecific(spare_key, NULL);
  return c;
}

/* Keep c as the thread's spare chunk; 0 (c not kept) when it has one. */
static int spare_put(arena_chunk *c) {
  pthread_once(&spare_once, spare_init);
  if (pthread_getspecific(spare_key)) return 0;
  return pthread_setspecific(spare_key, c) == 0;
}

void arena_init(arena *a) {
  a->head = NULL;
}

void arena_free(arena *a) {
  arena_chunk *c = a->head;
  int offer = 1; /* one chunk at most offered to the spare */
  while (c) {
    arena_chunk *next = c->next;
    int std = c->cap == ARENA_CHUNK;
    if (!(offer && std && spare_put(c))) free(c);
    if (std) offer = 0;
    c = next;
  }
  a->head = NULL;
}

/* A new chunk of cap bytes at the head of a: the thread's spare when cap
** is ARENA_CHUNK and it has one. Out of line: the takes that fit need
** none of its registers. */
static __attribute__((noinline)) arena_chunk *arena_grow(arena *a, size_t cap) {
  arena_chunk *c = cap == ARENA_CHUNK ? spare_take() : NULL;
  if (!c) c = xmalloc(sizeof *c + cap);
  c->used = 0, c->cap = cap;
  c->next = a->head;
  a->head = c;
  return c;
}

/* n bytes (8-byte aligned) from a, not zeroed. */
static inline void *arena_take(arena *a, size_t n) {
  n = (n + 7) & ~(size_t)7;
  arena_chunk *c = a->head;
  if (__builtin_expect(!c || c->cap - c->used < n, 0))
    c = arena_grow(a, n > ARENA_CHUNK ? n : ARENA_CHUNK);
  void *p = c->data + c->used;
  c->used += n;
  return p;
}

void *arena_alloc(arena *a, size_t n) {
  void *p = arena_take(a, n);
  memset(p, 0, n);
  return p;
}

/* arena_strndup when a's head chunk has no room for the copy: a new
** chunk first (out of line, as arena_grow). */
static __attribute__((noinline)) char *strndup_grow(arena *a, const char *s,
                                                    size_t n) {
  size_t k = (n + 8) & ~(size_t)7;
  arena_grow(a, k > ARENA_CHUNK ? k : ARENA_CHUNK);
  return arena_strndup(a, s, n);
}

/* A copy is written whole: no zeroing first; one of at most 32 bytes
** without a memcpy call, a longer one by memcpy last (a tail call: no
** register kept across it). */
char *arena_strndup(arena *a, const char *s, size_t n) {
  arena_chunk *c = a->head;
  size_t k = (n + 8) & ~(size_t)7; /* n + 1 rounded up to 8 */
  if (__builtin_expect(!c || c->cap - c->used < k, 0))
    return strndup_grow(a, s, n);
  char *d = (char *)c->data + c->used;
  c->used += k;
  d[n] = '\0';
  if (n > 32) return memcpy(d, s, n);
  copy_short(d, s, n);
  return d;
}

char *arena_strdup(arena *a, const char *s) {
  return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

/* One lane's step: a bijection of the lane for each word w, and of w for
** each lane (xor, an odd multiplier, a rotation). */
static inline uint64_t wide_step(uint64_t h, uint64_t w, uint64_t k) {
  h = (h ^ w) * k;
  return h << 31 | h >> 33;
}

uint64_t util_hash_wide(const void *p, size_t n, uint64_t seed) {
  static const uint64_t k[4] = {0x9E3779B97F4A7C15ull, 0xC2B2AE3D27D4EB4Full,
                                0x165667B19E3779F9ull, 0xFF51AFD7ED558CCDull};
  const unsigned char *s = p;
  uint64_t h[4] = {seed, seed ^ n, ~seed, seed + k[0]};
  size_t len = n;
  for (; n >= 32; s += 32, n -= 32) /* four lanes: their chains overlap */
    for (int i = 0; i < 4; i++)
      h[i] = wide_step(h[i], util_load8(s + 8 * i), k[i]);
  int i = 0;
  for (; n >= 8; s += 8, n -= 8, i++)
    h[i] = wide_step(h[i], util_load8(s), k[i]);
  uint64_t w = 0; /* the last 0 to 7 bytes, always one step */
  for (size_t j = 0; j < n; j++) w |= (uint64_t)s[j] << (8 * j);
  h[i] = wide_step(h[i], w, k[i]);
  /* each lane changes alone when one word does: a xor of rotations of
  ** them, then mixed (each step a bijection) */
  uint64_t x = h[0] ^ (h[1] << 16 | h[1] >> 48) ^ (h[2] << 32 | h[2] >> 32) ^
               (h[3] << 48 | h[3] >> 16) ^ len;
  x = (x ^ x >> 33) * 0xFF51AFD7ED558CCDull;
  x = (x ^ x >> 33) * 0xC4CEB9FE1A85EC53ull;
  return x ^ x >> 33;
}

static uint64_t seed;
static pthread_once_t seed_once = PTHREAD_ONCE_INIT;

static void seed_init(void) {
  uint64_t s = 0;
  if (getrandom(&s, sizeof s, GRND_NONBLOCK) != (ssize_t)sizeof s)
    s = (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)&s ^
        (uint64_t)getpid() << 32;
  seed = s;
}

uint64_t util_seed(void) {
  pthread_once(&seed_once, seed_init);
  return seed;
}

uint64_t util_hash64(const void *p, size_t n) {
  const unsigned char *s = p;
  uint64_t h = UTIL_FNV_OFFSET;
  for (size_t i = 0; i < n; i++) {
    h ^= s[i];
    h *= UTIL_FNV_PRIME;
  }
  return h;
}
