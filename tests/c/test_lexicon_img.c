/*
** test_lexicon_img.c — the word lists' binary image (lexicon.c's
** lexicon_save_image and its loading, lexicon_img.c).
**
** Test plan: the lexicon is loaded once a process, so each load runs in a
** child process that dumps everything lexicon_get() and lexicon_list()
** give (every table's slots as they lie, with keys, values, kinds and
** which of them are one pointer; first-word sets, filters, lists, pairs,
** flags) and says whether the image is mapped. In a scratch copy of
** data/:
**   - a written image is mapped, and its dump equals the text files';
**   - a data file changed in place right after (same size, one letter)
**     is noticed: the image is not used and the dump is the new text's;
**   - a truncated image, a missing data file or no image named fall back
**     to the text files (and no image can be written without a file);
**   - the build's image of data/ is used and equals data/'s text.
*/
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "lexicon.h"
#include "util.h"

static char dir[64], img[128], out[128];

/* Growing text. */
typedef struct sbuf {
  char *s;
  size_t n, cap;
} sbuf;

static void add(sbuf *b, const char *fmt, ...) {
  char t[512];
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(t, sizeof t, fmt, ap);
  va_end(ap);
  if (k < 0) return;
  if ((size_t)k >= sizeof t) k = sizeof t - 1;
  if (b->n + (size_t)k + 1 > b->cap)
    b->s = realloc(b->s, b->cap = (b->n + (size_t)k + 1) * 2);
  memcpy(b->s + b->n, t, (size_t)k + 1);
  b->n += (size_t)k;
}

/* Every pointer handed out, in order: which are the same is dumped. */
static const void **ptrs;
static size_t nptrs;

static void str(sbuf *b, const char *s) {
  ptrs = realloc(ptrs, (nptrs + 1) * sizeof *ptrs);
  ptrs[nptrs++] = s;
  if (s)
    add(b, "\"%s\" ", s);
  else
    add(b, "- ");
}

static void table(sbuf *b, const lex_table *t) {
  add(b, "\ntable %zu n %zu maxtok %d fold %d fcap %zu fn %zu\n", t->cap, t->n,
      t->maxtok, t->fold, t->fcap, t->fn);
  for (int i = 0; i < 64; i++) add(b, "%llx ", (unsigned long long)t->bloom[i]);
  for (size_t i = 0; i < t->cap; i++) {
    const lex_entry *e = &t->slots[i];
    add(b, "\n%zu: ", i);
    str(b, e->key), str(b, e->val), str(b, e->kind);
    add(b, "len %zu", e->len);
  }
  for (size_t i = 0; i < t->fcap; i++)
    add(b, " %u/%u", (unsigned)t->firsts[i], (unsigned)t->fmax[i]);
}

static int by_ptr(const void *a, const void *b) {
  uintptr_t x = (uintptr_t) * (const void *const *)a;
  uintptr_t y = (uintptr_t) * (const void *const *)b;
  return x < y ? -1 : x > y;
}

/* The first index of each pointer's value among ptrs, for each. */
static void sharing(sbuf *b) {
  const void **sorted = malloc((nptrs + 1) * sizeof *sorted);
  memcpy(sorted, ptrs, nptrs * sizeof *sorted);
  qsort(sorted, nptrs, sizeof *sorted, by_ptr);
  size_t *first = malloc((nptrs + 1) * sizeof *first);
  for (size_t i = 0; i < nptrs; i++) first[i] = (size_t)-1;
  add(b, "\nsharing");
  for (size_t i = 0; i < nptrs; i++) {
    if (!ptrs[i]) continue;
    const void **at = bsearch(&ptrs[i], sorted, nptrs, sizeof *sorted, by_ptr);
    size_t k = (size_t)(at - sorted);
    while (k > 0 && sorted[k - 1] == ptrs[i]) k--; /* its first copy */
    if (first[k] == (size_t)-1) first[k] = i;
    add(b, " %zu", first[k]);
  }
  free(first);
  free(sorted);
}

/* Everything the loaded lexicon holds, as text (malloc'd). */
static char *dump(void) {
  const lexicon *lx = lexicon_get();
  sbuf b = {0};
  const lex_table *t[] = {&lx->surnames, &lx->titles,  &lx->degrees,
                          &lx->monastic, &lx->units,   &lx->issuers,
                          &lx->places,   &lx->glossary};
  for (size_t i = 0; i < sizeof t / sizeof *t; i++) table(&b, t[i]);
  for (int i = 0; i < LEX_LIST_N; i++) {
    add(&b, "\nlist %d:", i);
    for (const char *const *w = lx->lists[i]; *w; w++) str(&b, *w);
  }
  for (int i = 0; i < LEX_PAIR_N; i++) {
    add(&b, "\npairs %d:", i);
    for (const lex_pair *p = lx->pairs[i]; p->key; p++)
      str(&b, p->key), str(&b, p->val);
  }
  for (int i = 0; i < LEXL__COUNT; i++) {
    add(&b, "\nmarkers %d:", i);
    for (const char *const *w = lexicon_list(i); *w; w++) str(&b, *w);
  }
  add(&b, "\nutf8 %d missing %d", lx->utf8, lx->missing);
  sharing(&b);
  return b.s;
}

/* Is path mapped in this process? */
static int mapped(const char *path) {
  FILE *f = fopen("/proc/self/maps", "r");
  char line[4096];
  int hit = 0;
  while (f && fgets(line, sizeof line, f))
    if (strstr(line, path)) hit = 1;
  if (f) fclose(f);
  return hit;
}

/* In a child with $TINSH_DATA data (NULL: unset) and $TINSH_LEXDATA_IMAGE
** image (NULL: unset): "M\n" and the lexicon's dump written to path, M
** 1 when the child mapped the image. Returns 0 when the child succeeded. */
static int dump_in_child(const char *data, const char *image,
                         const char *path) {
  pid_t pid = fork();
  if (pid == 0) {
    if (data) setenv("TINSH_DATA", data, 1);
    if (image) setenv("TINSH_LEXDATA_IMAGE", image, 1);
    char *d = dump();
    FILE *f = fopen(path, "w");
    if (!f) _exit(1);
    fprintf(f, "%d\n%s", mapped(image && *image ? image : TINSH_LEXDATA_IMAGE),
            d);
    free(d);
    _exit(fclose(f) == 0 ? 0 : 1);
  }
  int st = 0;
  waitpid(pid, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

/* The dump dump_in_child wrote to path (malloc'd; NULL when there is
** none) and in *map whether that child mapped the image. */
static char *read_dump(const char *path, int *map) {
  FILE *f = fopen(path, "r");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *s = calloc((size_t)n + 1, 1);
  size_t got = fread(s, 1, (size_t)n, f);
  fclose(f);
  s[got] = '\0';
  *map = s[0] == '1';
  if (got >= 2) memmove(s, s + 2, got - 1); /* the dump after "M\n" */
  return s;
}

/* Both dumps of data, from image (NULL: the build's) and from the text
** files, into path.a and path.b; 0 when both children succeeded. The
** children run before any dump is read: no block of this process is
** alive across a fork (valgrind counts those as lost in the child). */
static int dump_both(const char *data, const char *image, const char *path) {
  char pa[192], pb[192];
  snprintf(pa, sizeof pa, "%s.a", path);
  snprintf(pb, sizeof pb, "%s.b", path);
  remove(pa), remove(pb);
  int ra = dump_in_child(data, image, pa), rb = dump_in_child(data, "", pb);
  return ra | rb;
}

/* dump_both's two dumps of path, the image's mapped (want_map) or not,
** equal; their text in *a when a (else freed). */
static void check_dumps(const char *path, int want_map, char **a) {
  char pa[192], pb[192];
  snprintf(pa, sizeof pa, "%s.a", path);
  snprintf(pb, sizeof pb, "%s.b", path);
  int m1 = -1, m2 = -1;
  char *x = read_dump(pa, &m1), *y = read_dump(pb, &m2);
  CHECK(x && y);
  CHECK(m1 == want_map);
  CHECK(m2 == 0);
  if (x && y) CHECK(strcmp(x, y) == 0);
  free(y);
  if (a)
    *a = x;
  else
    free(x);
}

/* In a child: lexicon_save_image of data's text files to img. */
static int save_in_child(const char *data) {
  pid_t pid = fork();
  if (pid == 0) {
    setenv("TINSH_DATA", data, 1);
    setenv("TINSH_LEXDATA_IMAGE", "", 1);
    _exit(lexicon_save_image(img) == 0 ? 0 : 1);
  }
  int st = 0;
  waitpid(pid, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

/* The image of data is used (want_map) or not, and its lexicon equals
** the text files'. */
static void check_same(const char *data, int want_map) {
  CHECK(dump_both(data, img, out) == 0);
  check_dumps(out, want_map, NULL);
}

/* Change the first ASCII lower-case letter (a to y) of dir/name outside
** a comment line, in place. */
static void flip_letter(const char *name) {
  char p[256];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  FILE *f = fopen(p, "r+");
  CHECK(f != NULL);
  if (!f) return;
  int c, comment = 0, bol = 1;
  long at = 0;
  for (; (c = fgetc(f)) != EOF; at++) {
    if (bol) comment = c == '#';
    bol = c == '\n';
    if (!comment && c >= 'a' && c < 'z') break;
  }
  CHECK(c != EOF);
  fseek(f, at, SEEK_SET);
  fputc(c + 1, f);
  fclose(f);
}

static void test_scratch(void) {
  char cmd[512];
  snprintf(cmd, sizeof cmd, "cp -r '%s'/. '%s'", TINSH_DATA_DIR, dir);
  CHECK(system(cmd) == 0);
  CHECK(save_in_child(dir) == 0);
  char first[192], *a = NULL, *c = NULL;
  snprintf(first, sizeof first, "%s.first", out);
  CHECK(dump_both(dir, img, first) == 0);
  flip_letter("units.txt"); /* at once: same size, same second */
  CHECK(dump_both(dir, img, out) == 0);
  check_dumps(first, 1, &a);
  check_dumps(out, 0, &c);
  CHECK(a && c && strcmp(a, c) != 0);
  free(a);
  free(c);
  CHECK(save_in_child(dir) == 0);
  check_same(dir, 1);
  flip_letter("parser-markers.tsv");
  check_same(dir, 0);
  CHECK(save_in_child(dir) == 0);
  CHECK(truncate(img, 4096) == 0);
  check_same(dir, 0);
  CHECK(save_in_child(dir) == 0);
  snprintf(cmd, sizeof cmd, "%s/issuers.txt", dir);
  CHECK(remove(cmd) == 0);
  check_same(dir, 0);
  CHECK(save_in_child(dir) != 0); /* no image of an incomplete folder */
}

/* The bundled word lists from the build's image equal data/'s text. */
static void test_bundled(void) {
  CHECK(dump_both(NULL, NULL, out) == 0);
  check_dumps(out, 1, NULL);
}

/* util_hash_wide, the images' check: one changed byte anywhere (of any
** length, any lane and the tail) always changes it, the bytes past the
** end never do, and neither does where the bytes lie. */
static void test_hash(void) {
  unsigned char a[256 + 8], b[256 + 8];
  uint32_t r = 12345;
  int ok_flip = 1, ok_past = 1, ok_where = 1;
  for (size_t n = 0; n <= 200; n++) {
    for (size_t i = 0; i < sizeof a; i++)
      a[i] = (unsigned char)((r = r * 1103515245u + 12345u) >> 16);
    uint64_t h = util_hash_wide(a, n, 7);
    for (size_t i = 0; i < n; i++) {
      memcpy(b, a, sizeof b);
      b[i] ^= (unsigned char)(1u << (i % 8));
      ok_flip &= util_hash_wide(b, n, 7) != h;
    }
    memcpy(b, a, sizeof b);
    b[n] ^= 0xFF; /* past the end */
    ok_past &= util_hash_wide(b, n, 7) == h;
    memmove(b + 3, a, n); /* elsewhere */
    ok_where &= util_hash_wide(b + 3, n, 7) == h;
    ok_flip &= n == 0 || util_hash_wide(a, n - 1, 7) != h;
  }
  CHECK(ok_flip);
  CHECK(ok_past);
  CHECK(ok_where);
}

int main(void) {
  printf("test_lexicon_img: binary image of the word lists\n");
  snprintf(dir, sizeof dir, "/tmp/tinsh-lexdata-XXXXXX");
  if (!mkdtemp(dir)) return 1;
  char tmp[64];
  snprintf(tmp, sizeof tmp, "/tmp/tinsh-lexdimg-XXXXXX");
  if (!mkdtemp(tmp)) return 1;
  snprintf(img, sizeof img, "%s/lexdata.img", tmp);
  snprintf(out, sizeof out, "%s/dump.txt", tmp);
  unsetenv("TINSH_DATA");
  unsetenv("TINSH_LEXDATA_IMAGE");
  test_hash();
  test_scratch();
  test_bundled();
  char cmd[256];
  snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s'", dir, tmp);
  if (system(cmd) != 0) return 1;
  return check_done();
}
