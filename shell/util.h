/*
** util.h — small shared mechanisms: growable byte buffer, arena, vectors.
** Pure C, no Lua. Every module may use these; none of them allocate
** behind the caller's back except as documented.
*/
#ifndef TINSH_UTIL_H
#define TINSH_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- growable byte buffer (always NUL-terminated when len > 0) ---- */
typedef struct buf {
  char *data; /* heap storage, or NULL when empty */
  size_t len; /* bytes used, excluding the terminating NUL */
  size_t cap; /* bytes allocated */
} buf;

void buf_init(buf *b);
void buf_free(buf *b);
void buf_reset(buf *b);                 /* len = 0, keeps storage */
void buf_reserve(buf *b, size_t extra); /* room for `extra` more bytes + NUL */
void buf_add(buf *b, const void *p, size_t n);
void buf_adds(buf *b, const char *s);
void buf_addc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *buf_detach(buf *b); /* returns malloc'd NUL-terminated string */
/* JSON string literal (with quotes) of s[0..n), escaping as RFC 8259 */
/* s[0..n) as a JSON string: always valid UTF-8 (a byte that is not part of
** a valid sequence becomes \ufffd), controls escaped */
void buf_add_json_str(buf *b, const char *s, size_t n);
/* buf_add_json_str for s[0..n) known to be valid UTF-8 (the parser's
** normalised text and what is cut from it): the same output, without
** looking at the multi-byte sequences; invalid UTF-8 goes out as it is. */
void buf_add_json_utf8(buf *b, const char *s, size_t n);
/* Does buf_add_json_str hand s[0..n) to buf_add_json_utf8 (ASCII and the
** 2- and 3-byte sequences it passes unasked)? slow: one sequence a turn,
** without the sixteen-byte steps (for the tests). */
int buf_json_plain_utf8(const char *s, size_t n, int slow);

/* ---- arena: many small allocations freed at once ---- */
typedef struct arena_chunk arena_chunk;
typedef struct arena {
  arena_chunk *head; /* newest chunk first */
} arena;

void arena_init(arena *a);
void arena_free(arena *a);
void *arena_alloc(arena *a, size_t n); /* zeroed, 8-byte aligned */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s); /* NULL stays NULL */

/* ---- allocation that aborts with a message on out-of-memory ---- */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/*
** The heap guard: a ceiling on the bytes the whole process has allocated
** (malloc's in-use count; ASan's under ASan), for the sandbox. Off until
** xmem_guard sets one. x*alloc look at the heap every 4 MB they allocate
** and before any allocation of 4 MB or more; xmem_expect(n) looks before a
** library allocates about n bytes itself (utf8proc). Past the ceiling,
** over(heap) is called, and must not return. Under valgrind, whose
** allocator glibc's count does not see, the guard sees no growth.
*/
void xmem_guard(size_t ceiling, void (*over)(size_t heap)); /* over NULL: off */
void xmem_expect(size_t n);
size_t xmem_heap(void); /* bytes in use on the heap now */

/* ---- typed vector: VEC(T) v; VEC_PUSH(v, x); free(v.items) ---- */
#define VEC(T)     \
  struct {         \
    T *items;      \
    size_t n, cap; \
  }
#define VEC_PUSH(v, x)                                              \
  do {                                                              \
    if ((v).n == (v).cap) {                                         \
      (v).cap = (v).cap ? (v).cap * 2 : 8;                          \
      (v).items = xrealloc((v).items, (v).cap * sizeof *(v).items); \
    }                                                               \
    (v).items[(v).n++] = (x);                                       \
  } while (0)

/* ---- files ---- */
/*
** The names in folder dir but those starting with '.', in byte order, as
** a malloc'd array of malloc'd strings (*n of them; free each, then the
** array). NULL with errno set when dir cannot be opened.
*/
char **util_dir_names(const char *dir, size_t *n);
/* Read a whole file. Returns 0 and a malloc'd buffer (NUL-terminated) or
** -1 with errno set. */
/*
** Read a whole file (or device, or named pipe: it waits for the writer,
** as cat does, unless UTIL_READ_REGULAR, which refuses it without ever
** blocking) into a malloc'd, NUL-terminated buffer. Fails with errno:
** EFBIG for more than max bytes (max <= 0: UTIL_READ_MAX) -- nothing is
** read unbounded; ENOMEM when the buffer cannot be had (never aborts);
** EINVAL for a file that is not regular when flags has UTIL_READ_REGULAR.
*/
#define UTIL_READ_MAX     (64LL * 1024 * 1024)
#define UTIL_READ_REGULAR 1
int util_read_file(const char *path, int64_t max, char **out, size_t *outlen);
int util_read_file_ex(const char *path, int64_t max, int flags, char **out,
                      size_t *outlen);
/* util_read_file_ex into *io, a malloc'd buffer of *iocap bytes (NULL, 0:
** none yet), reused when it holds the file and 64 KiB, else replaced;
** *io and *iocap follow it (NULL and 0 after a failure, which frees it). */
int util_read_file_into(const char *path, int64_t max, int flags, char **io,
                        size_t *iocap, size_t *outlen);

/* 64-bit FNV-1a hash, used for stable ids; the constants are public so
** hot loops can hash incrementally and get the same value */
/*
** Is [off, off + len) inside a buffer of total bytes? Overflow-safe for
** any values read from a database (negative, huge).
*/
static inline int util_span_ok(int64_t off, int64_t len, size_t total) {
  return off >= 0 && len >= 0 && (uint64_t)off <= total &&
         (uint64_t)len <= total - (uint64_t)off;
}

#define UTIL_FNV_OFFSET 14695981039346656037ULL
#define UTIL_FNV_PRIME  1099511628211ULL
uint64_t util_hash64(const void *p, size_t n);

/* A 64-bit hash of p[0..n) from seed, 32 bytes a step in four lanes
** (each step a bijection of its lane, so two inputs of one length that
** differ in a single 8-byte word never share it): for checking that
** files are the ones an image was made from, not for stable ids. */
uint64_t util_hash_wide(const void *p, size_t n, uint64_t seed);

/* A random 64-bit value drawn once a process (getrandom; else the time,
** the pid and an address): the seed of the tables keyed by texts. */
uint64_t util_seed(void);

/* Where key (a hash of text: util_hash64, a line's hash) goes in an
** open-addressing table: the key mixed with util_seed, all of its bits
** into the low ones, so that no text can choose slots that share low
** bits (crafted keys made linear probing quadratic). Only slots depend
** on it; tables compare and keep the key itself. */
static inline uint64_t util_slot(uint64_t key) {
  uint64_t x = key ^ util_seed();
  x ^= x >> 33;
  x *= 0xFF51AFD7ED558CCDull;
  x ^= x >> 33;
  x *= 0xC4CEB9FE1A85EC53ull;
  return x ^ x >> 33;
}

/* ---- eight bytes a step (SWAR) ---- */

#define UTIL_ONES 0x0101010101010101ull

/* The 8 bytes at p as one word, the first byte lowest on any host. */
static inline uint64_t util_load8(const void *p) {
  uint64_t w;
  memcpy(&w, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  w = __builtin_bswap64(w);
#endif
  return w;
}

/* 0x80 in each byte b of w where (b & m) == v, 0 in the others (exact: no
** carry crosses a byte). */
static inline uint64_t util_byte_eq(uint64_t w, unsigned m, unsigned v) {
  const uint64_t lo7 = UTIL_ONES * 0x7F;
  uint64_t x = (w & (UTIL_ONES * m)) ^ (UTIL_ONES * v);
  return ~(((x & lo7) + lo7) | x | lo7);
}

#ifdef __SSE2__
#include <emmintrin.h>
/* Sixteen bytes a step (SSE2): 1 in bit j of the result for each byte j
** of w with (byte & m) == v. */
static inline unsigned util_bytes_eq16(__m128i w, int m, int v) {
  return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
      _mm_and_si128(w, _mm_set1_epi8((char)m)), _mm_set1_epi8((char)v)));
}
#endif

#endif
