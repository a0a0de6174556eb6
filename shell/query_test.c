/*
** query_test.c — what one step of the matcher tests: a token against a
** token test (folded text, accent-smart, or a regex), a run of tokens
** against a quoted string, a fact span against a fact test. Regexes are
** PCRE2 (UTF, caseless, Unicode properties) with match, depth and heap limits,
** so no regex can take unbounded time on a token.
*/
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "fact_schema.h"
#include "query_int.h"
#include "text.h"

/* steps and backtracking depth one regex match may take; past them the
** token simply does not match */
#define Q_RE_MATCH_LIMIT 100000
#define Q_RE_DEPTH_LIMIT 2000
/* the longest regex source compiled: pcre2_compile mallocs about four bytes
** per source byte before it sees that the code is too large, outside the
** sandbox's memory limit (a 60 MB regex through the SQL function
** tinsh_query_re took 440 MB under a 200 MB limit, red team 9); query
** patterns are at most 4,096 bytes anyway */
#define Q_RE_MAX_SOURCE 65536
/* the heap one match may take for its backtracking frames, in KiB: each
** frame holds the whole ovector, so 7,000 groups 2,000 deep took 290 MB
** outside the memory limit under PCRE2's default of 20 GB (red team 9) */
#define Q_RE_HEAP_LIMIT 16384

typedef struct q_re {
  int cased; /* its source holds \p, \P or "(?": a Unicode property or an
                option may tell a word's written form from its folded key */
  pcre2_code *code;
  pcre2_match_data *md;
  pcre2_match_context *mc;
} q_re;

void *q_regex_new(const char *re, size_t n, int whole, const char **why) {
  int ec;
  PCRE2_SIZE eo;
  uint32_t fl = PCRE2_UTF | PCRE2_CASELESS | PCRE2_UCP;
  if (n > Q_RE_MAX_SOURCE) {
    *why = "regular expression is too long (over 64 KB)";
    return NULL;
  }
  if (whole) fl |= PCRE2_ANCHORED | PCRE2_ENDANCHORED;
  pcre2_code *code = pcre2_compile((PCRE2_SPTR)re, n, fl, &ec, &eo, NULL);
  if (!code) {
    static char msg[120];
    pcre2_get_error_message(ec, (PCRE2_UCHAR *)msg, sizeof msg);
    *why = msg;
    return NULL;
  }
  q_re *r = xcalloc(1, sizeof *r);
  r->code = code;
  for (size_t i = 0; i + 1 < n && !r->cased; i++)
    r->cased = (re[i] == '\\' && (re[i + 1] == 'p' || re[i + 1] == 'P')) ||
               (re[i] == '(' && re[i + 1] == '?');
  r->md = pcre2_match_data_create_from_pattern(code, NULL);
  r->mc = pcre2_match_context_create(NULL);
  pcre2_set_match_limit(r->mc, Q_RE_MATCH_LIMIT);
  pcre2_set_depth_limit(r->mc, Q_RE_DEPTH_LIMIT);
  pcre2_set_heap_limit(r->mc, Q_RE_HEAP_LIMIT);
  return r;
}

void q_regex_free(void *p) {
  q_re *r = p;
  if (!r) return;
  pcre2_match_data_free(r->md);
  pcre2_match_context_free(r->mc);
  pcre2_code_free(r->code);
  free(r);
}

/* 1 when re matches s[0..n) (an error or a limit reached: 0) */
int q_regex_run(const void *p, const char *s, size_t n) {
  const q_re *r = p;
  return pcre2_match(r->code, (PCRE2_SPTR)s, n, 0, 0, r->md, r->mc) >= 0;
}

int q_regex_vocab_safe(const void *p) {
  const q_re *r = p;
  return !r->cased;
}

int q_regex_min_chars(const void *p) {
  const q_re *r = p;
  uint32_t minlen = 0;
  if (pcre2_pattern_info(r->code, PCRE2_INFO_MINLENGTH, &minlen) != 0) return 0;
  return (int)minlen;
}

int q_regex_search(const char *re, size_t nre, const char *text, size_t n) {
  const char *why;
  void *r = q_regex_new(re, nre, 0, &why);
  if (!r) return -1;
  int ok = q_regex_run(r, text, n);
  q_regex_free(r);
  return ok;
}

/* ---- literals ---- */

/*
** Compare the syllables of token t (from its fold and strip forms, split
** on ' ') with units u[*k..n): 1 when all of the token's syllables
** matched (advancing *k), else 0.
*/
static int units_eat(const q_token *t, const q_unit *u, int n, int *k) {
  const char *f = t->fold, *s = t->strip;
  while (*f) {
    if (*k >= n) return 0;
    size_t lf = strcspn(f, " "), ls = strcspn(s, " ");
    const q_unit *q = &u[*k];
    const char *w = q->strip ? s : f;
    size_t lw = q->strip ? ls : lf;
    if (strlen(q->form) != lw || memcmp(q->form, w, lw) != 0) return 0;
    (*k)++;
    f += lf, s += ls;
    if (*f == ' ') f++;
    if (*s == ' ') s++;
  }
  return 1;
}

int q_lit_match(const struct q_lit *l, const q_stream *st, int i, int to) {
  int k = 0;
  while (k < l->n) {
    if (i >= to || !units_eat(&st->tok[i], l->u, l->n, &k)) return -1;
    i++;
  }
  return i;
}

/* ---- token tests ---- */

/* the comparison of one token (QT_CMP, col -1) */
static int token_cmp(const struct q_test *t, const q_stream *st, int i) {
  const q_token *tk = &st->tok[i];
  int eq;
  if (t->re) {
    eq = q_regex_run(t->re, st->text + tk->from, tk->to - tk->from);
  } else {
    int k = 0;
    eq = units_eat(tk, t->lit->u, t->lit->n, &k) && k == t->lit->n;
  }
  return t->cmp == QC_NE ? !eq : eq;
}

int q_test_token(const struct q_test *t, const q_stream *st, int i) {
  switch (t->op) {
    case QT_TRUE:
      return 1;
    case QT_AND:
      return q_test_token(t->a, st, i) && q_test_token(t->b, st, i);
    case QT_OR:
      return q_test_token(t->a, st, i) || q_test_token(t->b, st, i);
    case QT_NOT:
      return !q_test_token(t->a, st, i);
    case QT_CMP:
      return token_cmp(t, st, i);
    default:
      return 0;
  }
}

/* ---- fact tests ---- */

/* Does string v pass comparison t (= or != a folded string, or a regex)? */
static int str_eq(const struct q_test *t, const char *v) {
  if (!v) return 0;
  if (t->re) return q_regex_run(t->re, v, strlen(v));
  size_t n;
  char *f = text_fold_alloc(v, strlen(v),
                            t->strip ? TEXT_FOLD_ACCENTS : TEXT_FOLD_CASE, &n);
  int eq = f && n == strlen(t->str) && memcmp(f, t->str, n) == 0;
  free(f);
  return eq;
}

/* numeric comparison v <cmp> t->num */
static int num_cmp(const struct q_test *t, double v) {
  switch (t->cmp) {
    case QC_EQ:
      return v == t->num;
    case QC_NE:
      return v != t->num;
    case QC_LT:
      return v < t->num;
    case QC_LE:
      return v <= t->num;
    case QC_GT:
      return v > t->num;
    default:
      return v >= t->num;
  }
}

/* one comparison of a fact's column */
static int fact_cmp(const struct q_test *t, const void *item) {
  const fact_column *c = &fact_kinds[t->kind].cols[t->col];
  switch (c->type) {
    case FT_STR: {
      int eq = str_eq(t, *FACT_FIELD(item, c, char *const));
      return t->cmp == QC_NE ? !eq : eq;
    }
    case FT_STRS: {
      const doc_strs *v = FACT_FIELD(item, c, const doc_strs);
      int eq = 0;
      for (size_t i = 0; i < v->n && !eq; i++) eq = str_eq(t, v->items[i]);
      return t->cmp == QC_NE ? !eq : eq;
    }
    case FT_NUM:
      return num_cmp(t, *FACT_FIELD(item, c, const double));
    case FT_OPTNUM:
      return *(const int *)(const void *)((const char *)item + c->flag) &&
             num_cmp(t, *FACT_FIELD(item, c, const double));
    case FT_INT0:
      if (*FACT_FIELD(item, c, const int) == 0) return 0;
      /* fall through */
    case FT_INT:
      return num_cmp(t, *FACT_FIELD(item, c, const int));
    default:
      return 0;
  }
}

/* the condition tree of a fact test on one item */
static int fact_cond(const struct q_test *t, const void *item) {
  switch (t->op) {
    case QT_AND:
      return fact_cond(t->a, item) && fact_cond(t->b, item);
    case QT_OR:
      return fact_cond(t->a, item) || fact_cond(t->b, item);
    case QT_NOT:
      return !fact_cond(t->a, item);
    case QT_CMP:
      return fact_cmp(t, item);
    default:
      return 1;
  }
}

int q_fact_item_ok(const struct q_test *t, const void *item) {
  return !t->a || fact_cond(t->a, item);
}

int q_test_fact(const struct q_test *t, const q_span *sp) {
  return sp->kind == t->kind && q_fact_item_ok(t, sp->item);
}
