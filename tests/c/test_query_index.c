/*
** test_query_index.c — the pure-C parts of a query's index paths.
** Plan: 1. q_fts_expand: a required regex test's terms join the FTS
** expression with AND along a sequence and OR across an alternation; a
** regex whose terms are unknown (NULL) drops out of an AND and makes an
** OR unconstrained; one that matches no term (none) makes an AND match
** nothing and leaves the other side of an OR; a regex under != or
** inside an optional part is never asked about; q_fts (no vocabulary)
** is the expression without the regexes. 2. q_stream_spans: tokens from
** known spans equal those q_stream_build segments (same spans, folds,
** punctuation tokens); a span inside the one before (a compound's part)
** is skipped; spans out of order or past the text are refused.
*/
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "query.h"
#include "util.h"

static char err[Q_ERR_SIZE];

typedef struct res {
  const char *terms; /* what every regex gives (NULL: unknown) */
  int none;          /* every regex matches nothing */
  int asked;
} res;

static char *resolve(void *ctx, const void *re, int *none) {
  (void)re;
  res *r = ctx;
  r->asked++;
  if (r->none) *none = 1;
  return r->terms && !r->none ? xstrdup(r->terms) : NULL;
}

/* The expansion of pattern pat under r ("NONE" when nothing matches,
** "-" for no constraint), into out. */
static const char *expand(const char *pat, res *r, char *out, size_t cap) {
  q_pattern *p = q_compile(pat, strlen(pat), NULL, err);
  if (!p) return "compile error";
  int none = 0;
  char *f = q_fts_expand(p, resolve, r, &none);
  snprintf(out, cap, "%s", none ? "NONE" : f ? f : "-");
  free(f);
  q_free(p);
  return out;
}

static void test_expand(void) {
  char b[256];
  res known = {"\"x1\" OR \"x2\"", 0, 0}, unknown = {NULL, 0, 0};
  res nothing = {NULL, 1, 0};
  CHECK_STR(expand("\"a\" [word = /x.*/]", &known, b, sizeof b),
            "(\"a\" AND \"x1\" OR \"x2\")");
  CHECK_STR(expand("\"a\" [word = /x.*/]", &unknown, b, sizeof b), "\"a\"");
  CHECK_STR(expand("\"a\" [word = /x.*/]", &nothing, b, sizeof b), "NONE");
  CHECK_STR(expand("[word = /x.*/] | \"b\"", &known, b, sizeof b),
            "(\"x1\" OR \"x2\" OR \"b\")");
  CHECK_STR(expand("[word = /x.*/] | \"b\"", &unknown, b, sizeof b), "-");
  CHECK_STR(expand("[word = /x.*/] | \"b\"", &nothing, b, sizeof b), "\"b\"");
  CHECK_STR(expand("[word = /x/] | [syl = /y/]", &nothing, b, sizeof b),
            "NONE");
  res count = {"\"t\"", 0, 0};
  CHECK_STR(expand("\"a\" [word != /x/] [word = /y/]? ([word = /z/])*", &count,
                   b, sizeof b),
            "\"a\"");
  CHECK(count.asked == 0);
  q_pattern *p = q_compile("\"a\" [word = /x/]", 16, NULL, err);
  CHECK(p && q_fts_regexes(p) == 1 && strcmp(q_fts(p), "\"a\"") == 0);
  q_free(p);
}

/* Do a and b hold the same tokens? */
static int same_tokens(const q_stream *a, const q_stream *b) {
  if (a->ntok != b->ntok) return 0;
  for (int i = 0; i < a->ntok; i++) {
    const q_token *x = &a->tok[i], *y = &b->tok[i];
    if (x->from != y->from || x->to != y->to || x->punct != y->punct ||
        x->sent_end != y->sent_end || strcmp(x->fold, y->fold) ||
        strcmp(x->strip, y->strip))
      return 0;
  }
  return 1;
}

static void test_spans(void) {
  const char *t = "Ông Nguyễn Văn An nói: “Phát triển 57,7% là 12/2016.”";
  size_t n = strlen(t);
  q_stream built, from;
  CHECK(q_stream_build(&built, t, n, NULL, 0) == 0);
  uint32_t *f = xmalloc(((size_t)built.ntok + 2) * sizeof *f);
  uint32_t *e = xmalloc(((size_t)built.ntok + 2) * sizeof *e);
  size_t k = 0;
  for (int i = 0; i < built.ntok; i++)
    if (!built.tok[i].punct)
      f[k] = (uint32_t)built.tok[i].from + 7,
      e[k++] = (uint32_t)built.tok[i].to + 7;
  CHECK(q_stream_spans(&from, t, n, f, e, k, 7) == 0);
  CHECK(same_tokens(&built, &from));
  q_stream_free(&from);
  /* a compound and its parts: the parts are skipped */
  const char *c = "số 12/2016 nhé";
  uint32_t cf[] = {0, 5, 5, 8, 13}, ce[] = {4, 12, 7, 12, 17};
  CHECK(q_stream_spans(&from, c, strlen(c), cf, ce, 5, 0) == 0);
  CHECK(from.ntok == 3 && from.tok[1].from == 5 && from.tok[1].to == 12);
  q_stream_free(&from);
  uint32_t bf[] = {5, 0}, be[] = {12, 4};
  CHECK(q_stream_spans(&from, c, strlen(c), bf, be, 2, 0) == -1);
  uint32_t pf[] = {0}, pe[] = {40};
  CHECK(q_stream_spans(&from, c, strlen(c), pf, pe, 1, 0) == -1);
  uint32_t lf[] = {2}, le[] = {3};
  CHECK(q_stream_spans(&from, c, strlen(c), lf, le, 1, 5) == -1);
  free(f), free(e);
  q_stream_free(&built);
}

int main(void) {
  printf("plan: FTS expansion of regex tests, streams from known spans\n");
  test_expand();
  test_spans();
  return check_done();
}
