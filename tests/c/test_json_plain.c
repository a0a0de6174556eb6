/*
** test_json_plain.c — buf_json_plain_utf8 (util.c: sixteen bytes a step)
** gives the answer of its one-sequence-a-turn form (slow) on texts built
** at random from pieces that reach every path: ASCII, the 2- and 3-byte
** sequences it takes, the leads it refuses (C0 C1 E0 ED F0..FF), stray
** continuation bytes, sequences cut short, cut at every length (every
** alignment of the blocks and of the text's end); and buf_add_json_str
** writes the same as before either way. buf_add_json_utf8 (its short
** texts copied a word or a block at a time: json_short, json_short32)
** writes what a byte-by-byte escape does, on every cut of those texts
** that buf_json_plain_utf8 passes, after every length of text already in
** the buffer.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util.h"

static const char *const pieces[] = {
    "a",
    "Z",
    " ",
    "0",
    "\"",
    "\\",
    "\n",
    "\x01",
    "\x7f",
    "\xc3\xa0",     /* à */
    "\xc4\x91",     /* đ */
    "\xc6\xa1",     /* ơ */
    "\xc2\xa0",     /* NBSP */
    "\xdf\xbf",     /* the last 2-byte lead */
    "\xe1\xbb\x9d", /* ờ */
    "\xe1\xba\xa1", /* ạ */
    "\xe2\x80\x9c", /* “ */
    "\xef\xbb\xbf", /* BOM */
    "\xec\xbf\xbf",
    "\xee\x80\x80",
    "\xed\x9f\xbf", /* ED: refused */
    "\xe0\xa0\x80", /* E0: refused */
    "\xf0\x9f\x98\x80",
    "\xc0\xaf",
    "\xc1\xbf",
    "\x80",
    "\xbf",
    "\xc3",
    "\xe1\xbb",
    "\xe1",
    "\xff",
    "Người Việt ở Hà Nội đã được ăn phở bò",
    "plain ASCII text, long enough for a block",
};

static uint64_t seed = 88172645463325252ull;

/* xorshift64: a random number below n */
static unsigned rnd(unsigned n) {
  seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
  return (unsigned)(seed % n);
}

/* A random text of k pieces into b (mostly the ones it takes). */
static void make(buf *b, unsigned k) {
  size_t np = sizeof pieces / sizeof *pieces;
  buf_reset(b);
  for (unsigned j = 0; j < k; j++) {
    unsigned p = rnd(8) ? rnd(20) : rnd((unsigned)np);
    if (rnd(4) == 0) p = (unsigned)np - 1 - rnd(2);
    buf_adds(b, pieces[p]);
  }
}

/* A valid UTF-8 text s[0..n) as a JSON string, one byte a turn (the
** escapes util.c's json_escape writes), at the end of b. */
static void escape_slow(buf *b, const char *s, size_t n) {
  buf_addc(b, '"');
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\n')
      buf_adds(b, "\\n");
    else if (c == '\r')
      buf_adds(b, "\\r");
    else if (c == '\t')
      buf_adds(b, "\\t");
    else if (c < 0x20)
      buf_printf(b, "\\u%04x", c);
    else if (c == '"' || c == '\\')
      buf_addc(b, '\\'), buf_addc(b, (char)c);
    else
      buf_addc(b, (char)c);
  }
  buf_addc(b, '"');
}

/* buf_add_json_utf8 against escape_slow on every cut (up to 40 bytes) of
** the texts make() gives that buf_json_plain_utf8 passes, after 0 to 19
** bytes already in the buffer; returns the differences. */
static int check_utf8_short(buf *b) {
  buf got, want;
  buf_init(&got), buf_init(&want);
  int bad = 0, tried = 0;
  for (int r = 0; r < 3000; r++) {
    make(b, 1 + rnd(12));
    for (size_t cut = 0; cut <= b->len && cut <= 40; cut++) {
      if (!buf_json_plain_utf8(b->data, cut, 1)) continue;
      size_t pre = (size_t)rnd(20);
      buf_reset(&got), buf_reset(&want);
      for (size_t k = 0; k < pre; k++)
        buf_addc(&got, 'p'), buf_addc(&want, 'p');
      buf_add_json_utf8(&got, b->data, cut);
      escape_slow(&want, b->data, cut);
      tried++;
      if ((got.len != want.len || memcmp(got.data, want.data, got.len)) &&
          bad++ < 3)
        fprintf(stderr, "utf8 differs: %s | %s\n", got.data, want.data);
    }
  }
  buf_free(&got), buf_free(&want);
  return tried > 10000 ? bad : bad + 1;
}

int main(void) {
  printf("plan: buf_json_plain_utf8 fast == slow on random texts\n");
  buf b, x;
  buf_init(&b), buf_init(&x);
  int bad = 0, plain = 0;
  for (int r = 0; r < 20000; r++) {
    make(&b, 1 + rnd(r % 50 == 0 ? 400 : 40));
    const char *t = b.data ? b.data : "";
    for (size_t cut = b.len; cut + 20 > b.len && cut > 0; cut--) {
      int f = buf_json_plain_utf8(t, cut, 0),
          s = buf_json_plain_utf8(t, cut, 1);
      plain += s;
      if (f != s && bad++ < 3)
        fprintf(stderr, "differs (fast %d) at %zu: %.*s\n", f, cut, (int)cut,
                t);
    }
  }
  CHECK(bad == 0);
  CHECK(plain > 1000); /* both answers reached */
  /* one odd byte at every offset of a long plain text */
  static const char text[] =
      "Người Việt ở Hà Nội đã được ăn phở bò, plain words and "
      "Đồng chí Nguyễn Hồng Dương";
  static const char *const odd[] = {
      "\xff",         "\xc3",         "\xe1\xbb", "\x80",
      "\xed\x9f\xbf", "\xe0\xa0\x80", "\xc1",     "\xf4\x80\x80\x80"};
  bad = 0;
  for (size_t o = 0; o < sizeof odd / sizeof *odd; o++)
    for (size_t at = 0; at <= sizeof text - 1; at++) {
      buf_reset(&b);
      buf_add(&b, text, at);
      buf_adds(&b, odd[o]);
      buf_adds(&b, text + at);
      for (size_t cut = 1; cut <= b.len; cut++)
        bad += buf_json_plain_utf8(b.data, cut, 0) !=
               buf_json_plain_utf8(b.data, cut, 1);
    }
  CHECK(bad == 0);
  CHECK(check_utf8_short(&b) == 0);
  buf_free(&b), buf_free(&x);
  return check_done();
}
