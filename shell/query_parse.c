/*
** query_parse.c — the pattern language's lexer and recursive-descent
** parser (grammar: docs/query.md). It builds a syntax tree in the
** pattern's arena, compiles regexes and quoted strings on the way, turns
** the document conditions after "::" into SQL with bound parameters, and
** hands the tree to query_prog.c. The first error ends the parse
** (longjmp back to q_compile) as "column N: why".
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "fact_schema.h"
#include "query_int.h"
#include "text.h"

enum {
  T_EOF,
  T_STR,
  T_RE,
  T_NUM,
  T_ID,
  T_OP /* punctuation: text in op */
};

typedef struct qtok {
  int type;
  size_t at, end; /* bytes of the pattern */
  char op[3];
  char *s; /* T_STR, T_RE: the unescaped text (arena); T_ID: the name */
  size_t n;
  double num;
} qtok;

typedef struct qp {
  const char *src;
  size_t n, pos;
  qtok t; /* the current token */
  q_pattern *p;
  const struct seg_lex *lex;
  int depth;
  char *err;
  jmp_buf jb;
  buf where;
  struct {
    qtok t;
    const struct q_lit **dst;
  } pend[128]; /* quoted strings, made once the stream (syl) is known */
  int npend;
} qp;

/* ---- errors ---- */

/* The column (characters from 1) of byte at. */
static int column(const qp *q, size_t at) {
  return (int)text_utf8_len(q->src, at) + 1;
}

static void fail_at(qp *q, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4), noreturn));
static void fail_at(qp *q, size_t at, const char *fmt, ...) {
  char why[Q_ERR_SIZE - 24];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(why, sizeof why, fmt, ap);
  va_end(ap);
  snprintf(q->err, Q_ERR_SIZE, "column %d: %s", column(q, at), why);
  longjmp(q->jb, 1);
}

/* ---- lexer ---- */

static int is_id(int c, int first) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         (!first && c >= '0' && c <= '9');
}

/* A quoted string or regex from src[pos] (the quote): unescaped into the
** arena. In a regex, \/ is / and every other escape stays as written. */
static void lex_quoted(qp *q, qtok *t, char quote) {
  buf b;
  buf_init(&b);
  size_t i = q->pos + 1;
  for (; i < q->n && q->src[i] != quote; i++) {
    if (q->src[i] == '\\' && i + 1 < q->n) {
      if (quote == '/' && q->src[i + 1] != '/') buf_addc(&b, '\\');
      i++;
    }
    buf_addc(&b, q->src[i]);
  }
  if (i >= q->n) {
    buf_free(&b);
    fail_at(q, q->pos, "unterminated %s", quote == '"' ? "string" : "regex");
  }
  t->s = arena_strndup(&q->p->a, b.data ? b.data : "", b.len);
  t->n = b.len;
  buf_free(&b);
  t->type = quote == '"' ? T_STR : T_RE;
  t->end = i + 1;
}

static void lex_number(qp *q, qtok *t) {
  char *e;
  t->num = strtod(q->src + q->pos, &e);
  t->type = T_NUM;
  t->end = (size_t)(e - q->src);
  if (t->end > q->n) fail_at(q, q->pos, "bad number");
}

/* two-character operators first */
static const char *const ops[] = {"::", "!=", "<=", ">=", "[", "]", "(", ")",
                                  "{",  "}",  ",",  "|",  "&", "!", "=", "<",
                                  ">",  "?",  "*",  "+",  ":", NULL};

static void lex_op(qp *q, qtok *t) {
  for (int i = 0; ops[i]; i++) {
    size_t l = strlen(ops[i]);
    if (q->pos + l <= q->n && memcmp(q->src + q->pos, ops[i], l) == 0) {
      memcpy(t->op, ops[i], l + 1);
      t->type = T_OP;
      t->end = q->pos + l;
      return;
    }
  }
  fail_at(q, q->pos, "unexpected character");
}

/* Read the next token into q->t. */
static void next(qp *q) {
  const char *s = q->src;
  while (q->pos < q->n && (s[q->pos] == ' ' || s[q->pos] == '\t' ||
                           s[q->pos] == '\n' || s[q->pos] == '\r'))
    q->pos++;
  qtok *t = &q->t;
  memset(t, 0, sizeof *t);
  t->at = q->pos;
  if (q->pos >= q->n) {
    t->type = T_EOF, t->end = q->pos;
  } else if (s[q->pos] == '"' || s[q->pos] == '/') {
    lex_quoted(q, t, s[q->pos]);
  } else if ((s[q->pos] >= '0' && s[q->pos] <= '9') ||
             (s[q->pos] == '-' && q->pos + 1 < q->n && s[q->pos + 1] >= '0' &&
              s[q->pos + 1] <= '9')) {
    lex_number(q, t);
  } else if (is_id((unsigned char)s[q->pos], 1)) {
    size_t e = q->pos;
    while (e < q->n && is_id((unsigned char)s[e], 0)) e++;
    t->type = T_ID, t->end = e;
    t->s = arena_strndup(&q->p->a, s + q->pos, e - q->pos);
  } else {
    lex_op(q, t);
  }
  q->pos = t->end;
}

static int is_op(const qp *q, const char *op) {
  return q->t.type == T_OP && strcmp(q->t.op, op) == 0;
}

static int is_word(const qp *q, const char *w) {
  return q->t.type == T_ID && strcmp(q->t.s, w) == 0;
}

static void expect(qp *q, const char *op) {
  if (!is_op(q, op)) fail_at(q, q->t.at, "expected '%s'", op);
  next(q);
}

/* The token after the current one is ':' (a part name follows)? */
static int colon_next(const qp *q) {
  size_t i = q->pos;
  while (i < q->n && q->src[i] == ' ') i++;
  return i < q->n && q->src[i] == ':' &&
         (i + 1 >= q->n || q->src[i + 1] != ':');
}

/* ---- literals ---- */

static int no_marks(const char *f, size_t n) {
  size_t m;
  char *s = text_fold_alloc(f, n, TEXT_FOLD_ACCENTS, &m);
  int same = s && m == n && memcmp(s, f, n) == 0;
  free(s);
  return same;
}

/* Append token t's units (its syllables) to v. */
typedef VEC(q_unit) q_units;

static void lit_units(qp *q, const q_token *t, q_units *v) {
  const char *f = t->fold;
  while (*f) {
    size_t l = strcspn(f, " ");
    q_unit u;
    u.strip = no_marks(f, l);
    u.form = arena_strndup(&q->p->a, f, l);
    VEC_PUSH(*v, u);
    f += l;
    if (*f == ' ') f++;
  }
}

/*
** A quoted string as a literal: the units of its tokens, tokenized as
** the blocks will be (words or syllables, punctuation).
*/
static struct q_lit *make_lit(qp *q, const qtok *t, int syl) {
  if (!text_utf8_valid(t->s, t->n)) fail_at(q, t->at, "string is not UTF-8");
  q_stream st;
  if (q_stream_build(&st, t->s, t->n, q->lex, syl))
    fail_at(q, t->at, "out of memory");
  q_units v = {0};
  for (int i = 0; i < st.ntok; i++) lit_units(q, &st.tok[i], &v);
  q_stream_free(&st);
  if (v.n == 0 || v.n > Q_MAX_LIT) {
    free(v.items);
    fail_at(q, t->at, v.n ? "string too long" : "empty string");
  }
  struct q_lit *l = arena_alloc(&q->p->a, sizeof *l);
  l->u = arena_alloc(&q->p->a, v.n * sizeof *l->u);
  memcpy(l->u, v.items, v.n * sizeof *l->u);
  l->n = (int)v.n;
  free(v.items);
  if (l->n > q->p->maxlit) q->p->maxlit = l->n;
  return l;
}

/* Note the current string token, to become a literal in *dst. */
static void pend_lit(qp *q, const struct q_lit **dst) {
  if (q->npend >= (int)(sizeof q->pend / sizeof *q->pend))
    fail_at(q, q->t.at, "too many strings");
  q->pend[q->npend].t = q->t;
  q->pend[q->npend++].dst = dst;
}

static void *make_re(qp *q, const qtok *t, int whole) {
  const char *why = "bad regex";
  if (q->p->nres >= (int)(sizeof q->p->res / sizeof *q->p->res))
    fail_at(q, t->at, "too many regexes");
  void *re = q_regex_new(t->s, t->n, whole, &why);
  if (!re) fail_at(q, t->at, "regex: %s", why);
  q->p->res[q->p->nres++] = re;
  return re;
}

/* ---- token and fact tests ---- */

static struct q_test *new_test(qp *q, int op) {
  struct q_test *t = arena_alloc(&q->p->a, sizeof *t);
  t->op = op, t->col = -1, t->kind = -1;
  return t;
}

static int parse_cmp_op(qp *q, int numeric) {
  static const char *const names[] = {"=", "!=", "<", "<=", ">", ">="};
  for (int i = 0; i < 6; i++)
    if (is_op(q, names[i])) {
      if (i > 1 && !numeric)
        fail_at(q, q->t.at, "'%s' compares numbers only", names[i]);
      next(q);
      return i;
    }
  fail_at(q, q->t.at, "expected '=' or '!='");
}

/* The column of fact kind k called name (its Lua key, or that key without
** a final 's': "title" for titles), or -1. */
static int fact_col(int k, const char *name) {
  const fact_kind *fk = &fact_kinds[k];
  for (size_t c = 0; c < fk->ncols; c++) {
    const char *l = fk->cols[c].lua;
    size_t n = strlen(name);
    if (fk->cols[c].type == FT_BLOCK) continue;
    if (strcmp(l, name) == 0 ||
        (strlen(l) == n + 1 && l[n] == 's' && strncmp(l, name, n) == 0))
      return (int)c;
  }
  return -1;
}

static int col_numeric(int k, int c) {
  fact_type t = fact_kinds[k].cols[c].type;
  return t == FT_NUM || t == FT_OPTNUM || t == FT_INT || t == FT_INT0;
}

/* value of a fact comparison: a number, a string (folded) or a regex */
static void fact_value(qp *q, struct q_test *t) {
  if (col_numeric(t->kind, t->col)) {
    if (q->t.type != T_NUM) fail_at(q, q->t.at, "expected a number");
    t->num = q->t.num, t->is_num = 1;
  } else if (q->t.type == T_RE) {
    if (t->cmp > QC_NE) fail_at(q, q->t.at, "a regex takes = or !=");
    t->re = make_re(q, &q->t, 0);
  } else if (q->t.type == T_STR) {
    size_t m;
    char *f = text_fold_alloc(q->t.s, q->t.n, TEXT_FOLD_CASE, &m);
    if (!f) fail_at(q, q->t.at, "string is not UTF-8");
    t->strip = no_marks(f, m);
    t->str = arena_strndup(&q->p->a, f, m);
    free(f);
  } else {
    fail_at(q, q->t.at, "expected a string or a regex");
  }
  next(q);
}

/* one comparison: ATTR op value (kind < 0: a token attribute); in a fact
** "= value" or "!= value" alone compares its first column: the name of a
** person or place, the text of a figure, ref, period or quote
** ([place = "Hà Nội"] is [place name = "Hà Nội"]) */
static struct q_test *parse_cmp(qp *q, int kind) {
  if (kind >= 0 && (is_op(q, "=") || is_op(q, "!="))) {
    struct q_test *t = new_test(q, QT_CMP);
    t->kind = kind, t->col = 0;
    t->cmp = parse_cmp_op(q, col_numeric(kind, 0));
    fact_value(q, t);
    return t;
  }
  if (q->t.type != T_ID) fail_at(q, q->t.at, "expected an attribute name");
  struct q_test *t = new_test(q, QT_CMP);
  size_t at = q->t.at;
  if (kind < 0) {
    if (!is_word(q, "word") && !is_word(q, "syl"))
      fail_at(q, at, "unknown attribute '%s' (word, syl)", q->t.s);
    if (is_word(q, "syl")) q->p->syl = 1;
    next(q);
    t->cmp = parse_cmp_op(q, 0);
    if (q->t.type == T_RE)
      t->re = make_re(q, &q->t, 1);
    else if (q->t.type == T_STR)
      pend_lit(q, &t->lit);
    else
      fail_at(q, q->t.at, "expected a string or a regex");
    next(q);
    return t;
  }
  t->kind = kind;
  t->col = fact_col(kind, q->t.s);
  if (t->col < 0)
    fail_at(q, at, "%s has no attribute '%s'", fact_kinds[kind].kind, q->t.s);
  next(q);
  t->cmp = parse_cmp_op(q, col_numeric(kind, t->col));
  fact_value(q, t);
  return t;
}

static struct q_test *parse_texpr(qp *q, int kind);

static struct q_test *parse_tprim(qp *q, int kind) {
  if (is_op(q, "!")) {
    next(q);
    struct q_test *t = new_test(q, QT_NOT);
    t->a = parse_tprim(q, kind);
    return t;
  }
  if (is_op(q, "(")) {
    if (++q->depth > Q_MAX_DEPTH) fail_at(q, q->t.at, "nested too deep");
    next(q);
    struct q_test *t = parse_texpr(q, kind);
    expect(q, ")");
    q->depth--;
    return t;
  }
  return parse_cmp(q, kind);
}

static struct q_test *parse_tand(qp *q, int kind) {
  struct q_test *t = parse_tprim(q, kind);
  while (is_op(q, "&")) {
    next(q);
    struct q_test *n = new_test(q, QT_AND);
    n->a = t, n->b = parse_tprim(q, kind);
    t = n;
  }
  return t;
}

static struct q_test *parse_texpr(qp *q, int kind) {
  struct q_test *t = parse_tand(q, kind);
  while (is_op(q, "|")) {
    next(q);
    struct q_test *n = new_test(q, QT_OR);
    n->a = t, n->b = parse_tand(q, kind);
    t = n;
  }
  return t;
}

/* the fact kinds a bracket may start with, by kind name */
static int fact_kind_named(const char *name) {
  static const int spans[] = {FK_people,  FK_figures, FK_refs,
                              FK_periods, FK_places,  FK_quotes};
  for (size_t i = 0; i < sizeof spans / sizeof *spans; i++)
    if (strcmp(fact_kinds[spans[i]].kind, name) == 0) return spans[i];
  return -1;
}

/* ---- the tree ---- */

static q_node *new_node(qp *q, int type, size_t at) {
  q_node *n = arena_alloc(&q->p->a, sizeof *n);
  n->type = type, n->col = column(q, at), n->part = -1;
  return n;
}

/* "[" ... "]": any token, a token test, or a fact */
static q_node *parse_bracket(qp *q) {
  size_t at = q->t.at;
  next(q);
  q_node *n = new_node(q, QN_TOK, at);
  if (is_op(q, "]")) {
    n->test = new_test(q, QT_TRUE);
  } else if (q->t.type == T_ID && fact_kind_named(q->t.s) >= 0) {
    int k = fact_kind_named(q->t.s);
    struct q_test *t = new_test(q, QT_FACT);
    t->kind = k;
    next(q);
    if (!is_op(q, "]")) t->a = parse_texpr(q, k);
    n->type = QN_FACT, n->test = t;
    q->p->fact_kinds |= 1u << k;
  } else {
    n->test = parse_texpr(q, -1);
  }
  expect(q, "]");
  return n;
}

static q_node *parse_alt(qp *q);

static q_node *parse_primary(qp *q) {
  if (is_op(q, "[")) return parse_bracket(q);
  if (q->t.type == T_STR) {
    q_node *n = new_node(q, QN_LIT, q->t.at);
    pend_lit(q, &n->lit);
    next(q);
    return n;
  }
  if (is_op(q, "(")) {
    if (++q->depth > Q_MAX_DEPTH) fail_at(q, q->t.at, "nested too deep");
    next(q);
    q_node *n = parse_alt(q);
    expect(q, ")");
    q->depth--;
    return n;
  }
  fail_at(q, q->t.at, "expected a string, '[' or '('");
}

/* a repetition bound: a whole number up to Q_MAX_REPEAT */
static int bound(qp *q) {
  if (q->t.type != T_NUM || !(q->t.num >= 0))
    fail_at(q, q->t.at, "expected a whole number");
  if (q->t.num > Q_MAX_REPEAT)
    fail_at(q, q->t.at, "repetition bound over %d", Q_MAX_REPEAT);
  if (q->t.num != (int)q->t.num) fail_at(q, q->t.at, "expected a whole number");
  int v = (int)q->t.num;
  next(q);
  return v;
}

/* "{m}", "{m,}", "{m,n}", "{,n}" after the '{' */
static void parse_braces(qp *q, q_node *r) {
  size_t at = q->t.at;
  next(q);
  r->min = is_op(q, ",") ? 0 : bound(q);
  r->max = r->min;
  if (is_op(q, ",")) {
    next(q);
    r->max = is_op(q, "}") ? -1 : bound(q);
  }
  expect(q, "}");
  if (r->max >= 0 && r->max < r->min) fail_at(q, at, "{m,n} with n < m");
  if (r->max == 0) fail_at(q, at, "repetition of zero");
}

/* quantifiers after a primary: ? * + {m,n}, any number of them */
static q_node *parse_quant(qp *q, q_node *a) {
  while (is_op(q, "?") || is_op(q, "*") || is_op(q, "+") || is_op(q, "{")) {
    q_node *r = new_node(q, QN_REP, q->t.at);
    r->a = a;
    if (is_op(q, "{")) {
      parse_braces(q, r);
    } else {
      r->min = is_op(q, "+") ? 1 : 0;
      r->max = is_op(q, "?") ? 1 : -1;
      next(q);
    }
    a = r;
  }
  return a;
}

/* [name ":"] primary quantifiers */
static q_node *parse_item(qp *q) {
  if (q->t.type == T_ID && colon_next(q)) {
    size_t at = q->t.at;
    const char *name = q->t.s;
    for (int i = 0; i < q->p->nparts; i++)
      if (strcmp(q->p->parts[i], name) == 0)
        fail_at(q, at, "part '%s' named twice", name);
    if (q->p->nparts >= Q_MAX_PARTS)
      fail_at(q, at, "more than %d named parts", Q_MAX_PARTS);
    next(q);
    next(q); /* the ':' */
    q_node *n = new_node(q, QN_PART, at);
    n->part = q->p->nparts;
    q->p->parts[q->p->nparts++] = (char *)name;
    n->a = parse_quant(q, parse_primary(q));
    return n;
  }
  return parse_quant(q, parse_primary(q));
}

/* Does the current token end a sequence? */
static int seq_end(const qp *q) {
  return q->t.type == T_EOF || is_op(q, "|") || is_op(q, ")") ||
         is_op(q, "::") || (is_word(q, "within") && !colon_next(q));
}

static q_node *parse_seq(qp *q) {
  q_node *n = parse_item(q);
  while (!seq_end(q)) {
    q_node *c = new_node(q, QN_CAT, q->t.at);
    c->a = n, c->b = parse_item(q);
    n = c;
  }
  return n;
}

static q_node *parse_alt(qp *q) {
  q_node *n = parse_seq(q);
  while (is_op(q, "|")) {
    q_node *c = new_node(q, QN_ALT, q->t.at);
    next(q);
    c->a = n, c->b = parse_seq(q);
    n = c;
  }
  return n;
}

/* "within" NAME {"|" NAME}: block kinds, or sentence */
static void parse_within(qp *q) {
  next(q);
  unsigned kinds = 0;
  do {
    if (is_op(q, "|")) next(q);
    if (q->t.type != T_ID) fail_at(q, q->t.at, "expected a block kind");
    if (strcmp(q->t.s, "sentence") == 0) {
      q->p->sentence = 1;
    } else {
      int k = doc_kind_from_name(q->t.s);
      if (k < 0) fail_at(q, q->t.at, "unknown block kind '%s'", q->t.s);
      kinds |= 1u << k;
    }
    next(q);
  } while (is_op(q, "|"));
  if (kinds) q->p->kinds = kinds;
}

/* ---- document conditions: SQL on documents d ---- */

enum { DF_NUM, DF_DATE, DF_TEXT, DF_PLACE };

static const struct dfield {
  const char *name;
  int type;
  const char *sql; /* the column (DF_PLACE: unused) */
} dfields[] = {{"year", DF_NUM, "CAST(substr(d.published, 1, 4) AS INTEGER)"},
               {"date", DF_DATE, "d.published"},
               {"site", DF_TEXT, "d.site"},
               {"title", DF_TEXT, "d.title"},
               {"author", DF_TEXT, "d.author"},
               {"place", DF_PLACE, NULL},
               {NULL, 0, NULL}};

static const char *const sql_ops[] = {"=", "<>", "<", "<=", ">", ">="};

/* Bind the current token's value as the next parameter: its number. */
static int add_param(qp *q, int num) {
  if (q->p->nparams >= (int)(sizeof q->p->params / sizeof *q->p->params))
    fail_at(q, q->t.at, "too many conditions");
  q_param *pa = &q->p->params[q->p->nparams++];
  pa->is_num = num;
  pa->num = q->t.num;
  pa->str = q->t.s;
  next(q);
  return q->p->nparams;
}

/* The SQL test of a text or regex value on column col (a regex: the
** SQL function tinsh_query_re). */
static void text_test(qp *q, const char *col, int op) {
  int re = q->t.type == T_RE;
  if (!re && q->t.type != T_STR)
    fail_at(q, q->t.at, "expected a string or a regex");
  if (re && q_regex_search(q->t.s, q->t.n, "", 0) < 0) {
    const char *why = "bad regex";
    void *r = q_regex_new(q->t.s, q->t.n, 0, &why);
    q_regex_free(r);
    fail_at(q, q->t.at, "regex: %s", why);
  }
  int i = add_param(q, 0);
  if (re)
    buf_printf(&q->where, "%scoalesce(tinsh_query_re(?%d, %s), 0)",
               op == QC_NE ? "NOT " : "", i, col);
  else
    buf_printf(&q->where, "coalesce(%s, '') %s ?%d", col, sql_ops[op], i);
}

static void place_test(qp *q, int op) {
  const fact_kind *k = &fact_kinds[FK_places];
  const char *name = k->cols[fact_col(FK_places, "name")].sql;
  buf_printf(&q->where, "%sEXISTS(SELECT 1 FROM %s p WHERE p.doc = d.id AND ",
             op == QC_NE ? "NOT " : "", k->table);
  char col[64];
  snprintf(col, sizeof col, "p.%s", name);
  text_test(q, col, QC_EQ);
  buf_addc(&q->where, ')');
}

/* field op value */
static void parse_dcond(qp *q) {
  const struct dfield *f = dfields;
  while (f->name && !is_word(q, f->name)) f++;
  if (!f->name)
    fail_at(q, q->t.at,
            "expected a document field (year, date, site, title, author, "
            "place)");
  next(q);
  int op = parse_cmp_op(q, f->type == DF_NUM || f->type == DF_DATE);
  if (f->type == DF_NUM) {
    if (q->t.type != T_NUM) fail_at(q, q->t.at, "expected a number");
    buf_printf(&q->where, "%s %s ?%d", f->sql, sql_ops[op], add_param(q, 1));
  } else if (f->type == DF_DATE) {
    if (q->t.type != T_STR) fail_at(q, q->t.at, "expected a date string");
    int i = add_param(q, 0);
    buf_printf(&q->where, "substr(%s, 1, length(?%d)) %s ?%d", f->sql, i,
               sql_ops[op], i);
  } else if (f->type == DF_TEXT) {
    text_test(q, f->sql, op);
  } else {
    place_test(q, op);
  }
}

static void parse_dexpr(qp *q);

static void parse_dprim(qp *q) {
  if (is_op(q, "(")) {
    if (++q->depth > Q_MAX_DEPTH) fail_at(q, q->t.at, "nested too deep");
    next(q);
    buf_addc(&q->where, '(');
    parse_dexpr(q);
    expect(q, ")");
    buf_addc(&q->where, ')');
    q->depth--;
    return;
  }
  parse_dcond(q);
}

static void parse_dexpr(qp *q) {
  parse_dprim(q);
  while (is_op(q, "&") || is_op(q, "|")) {
    buf_adds(&q->where, is_op(q, "&") ? " AND " : " OR ");
    next(q);
    parse_dprim(q);
  }
}

/* ---- the whole pattern ---- */

/* the block kinds searched when no `within` names one */
#define Q_DEFAULT_KINDS                                             \
  ((1u << BK_TITLE) | (1u << BK_LEAD) | (1u << BK_HEADING) |        \
   (1u << BK_PARAGRAPH) | (1u << BK_QUESTION) | (1u << BK_ANSWER) | \
   (1u << BK_CAPTION))

static q_node *parse_pattern(qp *q) {
  next(q);
  q_node *root = parse_alt(q);
  if (is_word(q, "within")) parse_within(q);
  if (is_op(q, "::")) {
    next(q);
    buf_addc(&q->where, '(');
    parse_dexpr(q);
    buf_addc(&q->where, ')');
  }
  if (q->t.type != T_EOF) fail_at(q, q->t.at, "unexpected text");
  for (int i = 0; i < q->npend; i++)
    *q->pend[i].dst = make_lit(q, &q->pend[i].t, q->p->syl);
  return root;
}

void q_free(q_pattern *p) {
  if (!p) return;
  for (int i = 0; i < p->nres; i++) q_regex_free(p->res[i]);
  free(p->prog), free(p->fts), free(p->where);
  arena_free(&p->a);
  free(p);
}

q_pattern *q_compile(const char *src, size_t n, const struct seg_lex *lex,
                     char err[Q_ERR_SIZE]) {
  q_pattern *p = xcalloc(1, sizeof *p);
  arena_init(&p->a);
  p->kinds = Q_DEFAULT_KINDS;
  qp *q = xcalloc(1, sizeof *q);
  q->src = src, q->n = n, q->p = p, q->lex = lex, q->err = err;
  buf_init(&q->where);
  if (setjmp(q->jb)) {
    buf_free(&q->where);
    free(q);
    q_free(p);
    return NULL;
  }
  if (n > Q_MAX_PATTERN) fail_at(q, Q_MAX_PATTERN, "pattern too long");
  q_node *root = parse_pattern(q);
  int col = q_prog_build(p, root);
  if (col) {
    snprintf(err, Q_ERR_SIZE, "column %d: pattern too large", col);
    longjmp(q->jb, 1);
  }
  if (q->where.len) p->where = buf_detach(&q->where);
  buf_free(&q->where);
  free(q);
  return p;
}

int q_syllables(const q_pattern *p) {
  return p->syl;
}
unsigned q_kinds(const q_pattern *p) {
  return p->kinds;
}
int q_in_sentence(const q_pattern *p) {
  return p->sentence;
}
unsigned q_fact_kinds(const q_pattern *p) {
  return p->fact_kinds;
}
unsigned q_required_facts(const q_pattern *p) {
  return p->req_facts;
}
const char *q_fts(const q_pattern *p) {
  return p->fts;
}
const char *q_where(const q_pattern *p) {
  return p->where;
}
int q_nparams(const q_pattern *p) {
  return p->nparams;
}
const q_param *q_param_at(const q_pattern *p, int i) {
  return &p->params[i];
}
int q_nparts(const q_pattern *p) {
  return p->nparts;
}
const char *q_part_name(const q_pattern *p, int i) {
  return p->parts[i];
}
