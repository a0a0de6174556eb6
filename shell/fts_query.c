/*
** fts_query.c — plain queries for the tinsh FTS5 tokenizer: a user's words
** turned into a MATCH expression that never raises a syntax error, runs
** of words that the index holds as word tokens joined into one, and the
** folded form of a word. See fts.h.
*/
#include <stdlib.h>
#include <string.h>

#include "fts.h"
#include "util.h"

/* ---- plain queries ---- */

static int count_token(void *ctx, int tflags, const char *tok, int ntok,
                       int start, int end) {
  (void)tflags, (void)tok, (void)ntok, (void)start, (void)end;
  (*(int *)ctx)++;
  return 0;
}

/* Append s[0..n) as an FTS5 string literal if it holds a token; returns
** the number of tokens. */
static int add_quoted(buf *b, const char *s, int n, int prefix) {
  int ntok = 0;
  fts_tokenize(s, n, FTS_QUERY, count_token, &ntok);
  if (ntok == 0) return 0;
  if (b->len) buf_addc(b, ' ');
  buf_addc(b, '"');
  for (int i = 0; i < n; i++) {
    if (s[i] == '"') buf_addc(b, '"');
    buf_addc(b, s[i]);
  }
  buf_addc(b, '"');
  if (prefix) buf_addc(b, '*');
  return ntok;
}

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

char *fts_plain_query(const char *q) {
  return fts_plain_query_words(q, NULL, NULL, NULL, NULL);
}

char *fts_plain_query_ex(const char *q, char **run) {
  return fts_plain_query_words(q, NULL, NULL, run, NULL);
}

#define PENDING_MAX 32

/* A plain query being built. */
typedef struct qbuild {
  buf b;       /* the MATCH expression */
  buf words;   /* the bare words, space-separated, for the run */
  buf spans;   /* token positions covered by each phrase of b */
  int nbare;   /* bare words kept */
  int special; /* a phrase or a prefix query was seen */
  fts_word_fn has;
  fts_forms_fn forms; /* the known forms of a word token, or NULL */
  int last_group;     /* the last item is a group: the next one needs AND */
  void *ctx;
  const char *pw[PENDING_MAX]; /* bare one-token words not yet added */
  int pn[PENDING_MAX], np;
} qbuild;

static void add_span(qbuild *qb, int n) {
  buf_printf(&qb->spans, "%s%d", qb->spans.len ? " " : "", n);
}

/* The span of a phrase that is another form of the word before it. */
static void add_alt_span(qbuild *qb, int n) {
  buf_printf(&qb->spans, " +%d", n);
}

/* Add s[0..n) quoted (add_quoted) as the next item of the expression,
** after an AND when a group comes before it. */
static int q_add(qbuild *qb, const char *s, int n, int prefix) {
  size_t mark = qb->b.len;
  if (qb->last_group && qb->b.len) buf_adds(&qb->b, " AND");
  int ntok = add_quoted(&qb->b, s, n, prefix);
  if (ntok == 0)
    qb->b.len = mark;
  else
    qb->last_group = 0;
  return ntok;
}

/*
** Add word token tok (k syllables) as the next item: alone, or, when
** qb->forms knows written forms of it, as a group `("tok" OR "form" ...)`
** whose every phrase gets its span.
*/
static void add_word_token(qbuild *qb, const char *tok, int ntok, int k) {
  char *alts = qb->forms ? qb->forms(qb->ctx, tok, ntok) : NULL;
  if (!alts) {
    add_span(qb, k);
    q_add(qb, tok, ntok, 0);
    return;
  }
  buf_adds(&qb->b, qb->b.len ? " AND (" : "(");
  add_quoted(&qb->b, tok, ntok, 0);
  add_span(qb, k);
  for (char *a = alts, *e; *a; a = *e ? e + 1 : e) {
    e = a + strcspn(a, "\n");
    size_t mark = qb->b.len;
    buf_adds(&qb->b, " OR");
    int n = add_quoted(&qb->b, a, (int)(e - a), 0);
    if (n)
      add_alt_span(qb, n);
    else
      qb->b.len = mark;
  }
  buf_addc(&qb->b, ')');
  free(alts);
  qb->last_group = 1;
}

/* Fold of the one token of s[0..n), joined to out with FTS_WORD_JOIN. */
static int fold_join(buf *out, const char *s, int n) {
  char tmp[256], one[256];
  if (n <= 0 || n >= (int)sizeof tmp) return -1;
  memcpy(tmp, s, (size_t)n);
  tmp[n] = 0;
  int len = fts_fold(tmp, one, (int)sizeof one);
  if (len <= 0) return -1;
  if (out->len) buf_addc(out, FTS_WORD_JOIN);
  buf_add(out, one, (size_t)len);
  return 0;
}

/* The word token of pending words i..i+k-1 when the index holds it, in
** *w (NUL-terminated); 0 when it does not. */
static int word_run(qbuild *qb, int i, int k, buf *w) {
  w->len = 0;
  for (int j = i; j < i + k; j++)
    if (fold_join(w, qb->pw[j], qb->pn[j]) != 0) return 0;
  buf_addc(w, 0);
  return qb->has(qb->ctx, w->data, (int)w->len - 1) > 0;
}

/*
** Add the pending bare words: each longest run of two to FTS_WORD_MAX of
** them that the index holds as one word token (qb->has) becomes that
** token, the others stay words of their own.
*/
static void flush(qbuild *qb) {
  buf w;
  buf_init(&w);
  for (int i = 0; i < qb->np;) {
    int k = qb->np - i < FTS_WORD_MAX ? qb->np - i : FTS_WORD_MAX;
    while (k >= 2 && !(qb->has && word_run(qb, i, k, &w))) k--;
    if (k >= 2)
      add_word_token(qb, w.data, (int)w.len - 1, k);
    else
      add_span(qb, q_add(qb, qb->pw[i], qb->pn[i], 0));
    i += k >= 2 ? k : 1;
  }
  qb->np = 0;
  buf_free(&w);
}

/* The word at p (up to white space or '"'): quoted, with '*' kept as a
** prefix query; a bare word is also remembered for the run, and a bare
** word of one token waits in qb->pw to be joined with its neighbours.
** Returns its end. */
static const char *add_word(qbuild *qb, const char *p) {
  const char *e = p;
  while (*e && !is_space(*e) && *e != '"') e++;
  int n = (int)(e - p), prefix = 0;
  while (n > 0 && p[n - 1] == '*') n--, prefix = 1;
  int ntok = 0;
  fts_tokenize(p, n, FTS_QUERY, count_token, &ntok);
  if (ntok == 0) return e;
  if (prefix) qb->special = 1;
  if (!prefix) {
    if (qb->words.len) buf_addc(&qb->words, ' ');
    buf_add(&qb->words, p, (size_t)n);
    qb->nbare++;
  }
  if (!prefix && ntok == 1 && !memchr(p, FTS_WORD_JOIN, (size_t)n)) {
    if (qb->np == PENDING_MAX) flush(qb);
    qb->pw[qb->np] = p, qb->pn[qb->np++] = n;
    return e;
  }
  flush(qb);
  add_span(qb, q_add(qb, p, n, prefix));
  return e;
}

/* "a phrase" at p (the closing quote may be missing); returns its end. */
static const char *add_phrase(qbuild *qb, const char *p) {
  const char *e = strchr(p + 1, '"');
  if (!e) e = p + strlen(p);
  flush(qb);
  int ntok = q_add(qb, p + 1, (int)(e - p - 1), 0);
  if (ntok) add_span(qb, ntok);
  qb->special = 1;
  return *e ? e + 1 : e;
}

/* The run: the bare words as one phrase, when there are two or more and
** no phrase or prefix. */
static char *make_run(qbuild *qb) {
  if (qb->nbare < 2 || qb->special) return NULL;
  buf r;
  buf_init(&r);
  add_quoted(&r, qb->words.data, (int)qb->words.len, 0);
  return buf_detach(&r);
}

char *fts_plain_query_words(const char *q, fts_word_fn has, void *ctx,
                            char **run, char **spans) {
  return fts_plain_query_forms(q, has, NULL, ctx, run, spans);
}

char *fts_plain_query_forms(const char *q, fts_word_fn has, fts_forms_fn forms,
                            void *ctx, char **run, char **spans) {
  qbuild qb = {.nbare = 0, .has = has, .forms = forms, .ctx = ctx};
  buf_init(&qb.b);
  buf_init(&qb.words);
  buf_init(&qb.spans);
  for (const char *p = q ? q : ""; *p;)
    p = is_space(*p) ? p + 1
        : *p == '"'  ? add_phrase(&qb, p)
                     : add_word(&qb, p);
  flush(&qb);
  if (run) *run = make_run(&qb);
  buf_free(&qb.words);
  if (spans) *spans = qb.b.len ? buf_detach(&qb.spans) : NULL;
  buf_free(&qb.spans);
  if (qb.b.len == 0) {
    buf_free(&qb.b);
    return NULL;
  }
  return buf_detach(&qb.b);
}

typedef struct fold_ctx {
  char *out;
  int cap, len;
} fold_ctx;

static int fold_first(void *ctx, int tflags, const char *tok, int ntok,
                      int start, int end) {
  (void)tflags, (void)start, (void)end;
  fold_ctx *f = ctx;
  f->len = ntok < f->cap - 1 ? ntok : f->cap - 1;
  memcpy(f->out, tok, (size_t)f->len);
  f->out[f->len] = 0;
  return 1;
}

int fts_fold(const char *s, char *out, int cap) {
  fold_ctx f = {out, cap, -1};
  if (cap <= 0) return -1;
  out[0] = 0;
  fts_tokenize(s, (int)strlen(s), FTS_QUERY, fold_first, &f);
  return f.len;
}
