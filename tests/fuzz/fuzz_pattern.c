/*
** fuzz_pattern.c — libFuzzer target for the pattern language (query.h):
** the parser and the matcher on a small synthetic block. (fuzz_query is
** the plain FTS query target.)
**
** Input: the pattern up to the first newline; the rest, when there is
** any, is the block's text (else a fixed Vietnamese sentence). The block
** carries a figure and a person fact, so fact atoms find spans.
** Invariants checked on every input:
**   - q_compile returns a pattern, or an error "column N: ..." with
**     1 <= N <= the pattern's length + 1;
**   - every match lies inside the stream, is not empty, starts after the
**     previous one ended; every named part lies inside its match;
**   - a second run gives the same matches (determinism), and the run
**     ends with 0 or Q_BUDGET_EXCEEDED, never anything else.
*/
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "fuzz.h"
#include "query.h"
#include "text.h"

static const char fuzz_pattern_text[] =
    "Bí thư Tỉnh ủy Nguyễn Văn An cho biết: thu đạt 5.000 tỷ đồng, tăng "
    "57,7%. Ông Nguyễn Văn An \"phát triển\" kinh tế (Móng Cái)!";

typedef struct fp_run {
  int s[64], e[64], n;
  int last, ntok, bad;
} fp_run;

static int fp_on(void *ctx, const q_match *m) {
  fp_run *r = ctx;
  FUZZ_CHECK(m->s >= r->last && m->s < m->e && m->e <= r->ntok);
  for (int i = 0; i < Q_MAX_PARTS; i++) {
    int a = m->part[2 * i], b = m->part[2 * i + 1];
    FUZZ_CHECK(a < 0 || (a >= m->s && a <= m->e));
    FUZZ_CHECK(b < 0 || (b >= m->s && b <= m->e));
  }
  r->last = m->e;
  if (r->n < 64) r->s[r->n] = m->s, r->e[r->n] = m->e;
  r->n++;
  return 0;
}

static doc *fp_doc(void) {
  doc *d = doc_new("fuzz");
  doc_figure *f = fact_append(d, &fact_kinds[FK_figures]);
  f->text = doc_str(d, "5.000 tỷ đồng", strlen("5.000 tỷ đồng"));
  f->value = 5000, f->block = -1;
  f->unit = doc_str(d, "tỷ đồng", strlen("tỷ đồng"));
  doc_person *p = fact_append(d, &fact_kinds[FK_people]);
  p->name = doc_str(d, "Nguyễn Văn An", strlen("Nguyễn Văn An"));
  char *t = doc_str(d, "Bí thư Tỉnh ủy", strlen("Bí thư Tỉnh ủy"));
  VEC_PUSH(p->titles, t);
  return d;
}

/* One run of p over st into r; its status. */
static int fp_match(const q_pattern *p, const q_stream *st, fp_run *r) {
  memset(r, 0, sizeof *r);
  r->ntok = st->ntok;
  q_matcher *m = q_matcher_new(p);
  long budget = 200000;
  int rc = q_match_range(m, st, 0, st->ntok, &budget, fp_on, r);
  q_matcher_free(m);
  FUZZ_CHECK(rc == 0 || rc == Q_BUDGET_EXCEEDED);
  return rc;
}

int FUZZ_ENTRY(const uint8_t *data, size_t size) {
  const char *in = (const char *)data;
  const char *nl = memchr(in, '\n', size);
  size_t plen = nl ? (size_t)(nl - in) : size;
  const char *text = nl ? nl + 1 : fuzz_pattern_text;
  size_t tlen = nl ? size - plen - 1 : strlen(fuzz_pattern_text);
  char err[Q_ERR_SIZE];
  q_pattern *p = q_compile(in, plen, NULL, err);
  if (!p) {
    FUZZ_CHECK(strncmp(err, "column ", 7) == 0);
    int col = atoi(err + 7);
    FUZZ_CHECK(col >= 1 && (size_t)col <= plen + 1);
    return 0;
  }
  doc *d = fp_doc();
  q_stream st;
  if (q_stream_build(&st, text, tlen, NULL, q_syllables(p)) == 0) {
    q_stream_facts(&st, d, 0, q_fact_kinds(p));
    fp_run a, b;
    int ra = fp_match(p, &st, &a), rb = fp_match(p, &st, &b);
    FUZZ_CHECK(ra == rb && a.n == b.n);
    int n = a.n < 64 ? a.n : 64;
    FUZZ_CHECK(memcmp(a.s, b.s, n * sizeof(int)) == 0);
    FUZZ_CHECK(memcmp(a.e, b.e, n * sizeof(int)) == 0);
    q_stream_free(&st);
  }
  doc_free(d);
  q_free(p);
  return 0;
}
