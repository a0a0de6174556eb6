/*
** test_query.c — the pattern language in C (query.h), no database.
** Plan: 1. compile errors name the column of the fault, and limits
** (length, nesting, bounds, program size) are errors, not crashes;
** 2. matching on token streams built from own sentences: quoted words
** (accent-smart, whole words only), [word = ...], !=, & and |, regexes
** anchored to the token, [] and repetitions, alternation, grouping,
** leftmost-longest non-overlapping matches, named parts, punctuation
** tokens, the syllable stream for syl; 3. fact spans from a hand-made
** document: [figure unit = ...], [figure value > n], [person title = /re/]
** with the title written before the name, "= value" alone on the first
** column ([person = "..."], [figure = "..."]); 4. within sentence ranges,
** the step budget fails with Q_BUDGET_EXCEEDED, a stop poll that says
** stop ends a run inside one block with Q_STOPPED and is polled every
** Q_STOP_EVERY steps, not per block; 5. what the store gets:
** the FTS expression, required facts, the "::" conditions as SQL with
** parameters.
*/
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doc.h"
#include "query.h"
#include "util.h"

static char err[Q_ERR_SIZE];

/* "column N: ..." of a bad pattern, or "ok" */
static const char *compile_err(const char *pat) {
  q_pattern *p = q_compile(pat, strlen(pat), NULL, err);
  if (p) q_free(p);
  return p ? "ok" : err;
}

static int col_of(const char *pat) {
  const char *e = compile_err(pat);
  return strncmp(e, "column ", 7) == 0 ? atoi(e + 7) : -1;
}

typedef struct outc {
  buf b;
  const q_stream *st;
  const q_pattern *p;
} outc;

static int on_m(void *ctx, const q_match *m) {
  outc *o = ctx;
  size_t s = o->st->tok[m->s].from, e = o->st->tok[m->e - 1].to;
  buf_addc(&o->b, '[');
  buf_add(&o->b, o->st->text + s, e - s);
  for (int i = 0; i < q_nparts(o->p); i++) {
    int a = m->part[2 * i], z = m->part[2 * i + 1];
    if (a < 0 || z <= a) continue;
    buf_printf(&o->b, "|%s=", q_part_name(o->p, i));
    buf_add(&o->b, o->st->text + o->st->tok[a].from,
            o->st->tok[z - 1].to - o->st->tok[a].from);
  }
  buf_addc(&o->b, ']');
  return 0;
}

static char out[4096];

/* The matches of pat in text as "[m1][m2|part=x]", facts of d (or NULL) */
static const char *find_d(const char *pat, const char *text, const doc *d) {
  q_pattern *p = q_compile(pat, strlen(pat), NULL, err);
  if (!p) return snprintf(out, sizeof out, "ERR %s", err), out;
  q_stream st;
  q_stream_build(&st, text, strlen(text), NULL, q_syllables(p));
  if (d) q_stream_facts(&st, d, 0, q_fact_kinds(p));
  outc o = {{0}, &st, p};
  buf_init(&o.b);
  q_matcher *m = q_matcher_new(p);
  long budget = 1000000;
  int rc = q_match_range(m, &st, 0, st.ntok, &budget, on_m, &o);
  snprintf(out, sizeof out, "%s%s", rc ? "FAIL " : "",
           o.b.data ? o.b.data : "");
  q_matcher_free(m);
  buf_free(&o.b);
  q_stream_free(&st);
  q_free(p);
  return out;
}

static const char *find(const char *pat, const char *text) {
  return find_d(pat, text, NULL);
}

static void test_errors(void) {
  CHECK_STR(compile_err("\"a\" [word = \"x\""), "column 16: expected ']'");
  CHECK(col_of("[word = \"x\"] [wurd = \"y\"]") == 15);
  CHECK(col_of("\"unterminated") == 1);
  CHECK(col_of("[word ~ \"x\"]") == 7);
  CHECK(col_of("[]{1,1000}") == 6);
  CHECK(col_of("[]{3,2}") == 3);
  CHECK(col_of("[]{1e300}") == 4); /* no int overflow (UBSan) */
  CHECK(col_of("[]{2.5}") == 4);
  CHECK(col_of("[word = /(/]") == 9);
  CHECK(col_of("[figure colour = \"x\"]") == 9);
  CHECK(col_of("[figure value > \"x\"]") == 17);
  CHECK(col_of("[word < \"x\"]") == 7);
  CHECK(col_of("\"a\" within nowhere") == 12);
  CHECK(col_of("\"a\" :: year = \"x\"") == 15);
  CHECK(col_of("\"a\" :: colour = 1") == 8);
  CHECK(col_of("x:\"a\" x:\"b\"") == 7);
  CHECK(col_of("\"a\" )") == 5);
  CHECK(col_of("") == 1);
  CHECK(col_of("\"\"") == 1);
  CHECK_STR(compile_err("\"phát\" \"triển\""), "ok");
  /* column counts characters, not bytes */
  CHECK(col_of("\"phát\" [") == 9);
  char deep[200] = "";
  for (int i = 0; i < 40; i++) strcat(deep, "(");
  strcat(deep, "\"a\"");
  for (int i = 0; i < 40; i++) strcat(deep, ")");
  CHECK(strstr(compile_err(deep), "nested too deep") != NULL);
  CHECK(strstr(compile_err("([]{100}){100}"), "too large") != NULL);
  char *longp = xcalloc(Q_MAX_PATTERN + 10, 1);
  memset(longp, ' ', Q_MAX_PATTERN + 5);
  CHECK(strstr(compile_err(longp), "too long") != NULL);
  free(longp);
}

static const char *S1 =
    "Tỉnh Quảng Ninh phát triển kinh tế, phát triển du lịch.";

static void test_words(void) {
  CHECK_STR(find("\"phát triển\"", S1), "[phát triển][phát triển]");
  CHECK_STR(find("\"phat trien\"", S1), "[phát triển][phát triển]");
  CHECK_STR(find("\"PHÁT TRIỂN\"", S1), "[phát triển][phát triển]");
  CHECK_STR(find("\"phát triễn\"", S1), "");
  CHECK_STR(find("\"phát\"", S1), ""); /* a syllable inside a word */
  CHECK_STR(find("\"phát triển kinh tế\"", S1), "[phát triển kinh tế]");
  CHECK_STR(find("[word = \"kinh tế\"]", S1), "[kinh tế]");
  CHECK_STR(find("[word = \"kinh\"]", S1), "");
  CHECK_STR(find("\"tế\" \",\"", S1), "");
  CHECK_STR(find("\"kinh tế\" \",\"", S1), "[kinh tế,]");
  CHECK_STR(find("\"du lịch\" [word = \".\"]", S1), "[du lịch.]");
  CHECK_STR(find("[word = /ph.*n/]", S1), "[phát triển][phát triển]");
  CHECK_STR(find("[word = /ph/]", S1), ""); /* anchored to the token */
  CHECK_STR(find("[word = /PHÁT.*/ & word != \"phát triển\"]", S1), "");
  CHECK_STR(find("[word = \"kinh tế\" | word = \"du lịch\"]", S1),
            "[kinh tế][du lịch]");
  CHECK_STR(find("[!(word = /[[:punct:]]/)] \",\"", S1), "[kinh tế,]");
}

static const char *S2 = "a b a b b c a c";

static void test_structure(void) {
  CHECK_STR(find("\"a\" []", S2), "[a b][a b][a c]");
  CHECK_STR(find("\"a\" \"b\"+", S2), "[a b][a b b]");
  CHECK_STR(find("\"a\" \"b\"*", S2), "[a b][a b b][a]");
  CHECK_STR(find("\"a\" \"b\"?", S2), "[a b][a b][a]");
  CHECK_STR(find("\"b\"{2}", S2), "[b b]");
  CHECK_STR(find("\"b\"{1,2}", S2), "[b][b b]");
  CHECK_STR(find("\"a\" []{0,10} \"c\"", S2), "[a b a b b c a c]");
  CHECK_STR(find("\"a\" ([] \"a\")?", S2), "[a b a][a]");
  CHECK_STR(find("\"c\" | \"a\" \"b\"", S2), "[a b][a b][c][c]");
  CHECK_STR(find("(\"a\" | \"b\")+ \"c\"", S2), "[a b a b b c][a c]");
  CHECK_STR(find("x:\"a\" y:([] \"a\")", S2), "[a b a|x=a|y=b a]");
  CHECK_STR(find("x:(\"b\"+) \"c\"", S2), "[b b c|x=b b]");
  CHECK_STR(find("[]*", "x"), "[x]");
  CHECK_STR(find("(\"z\"?)*", S2), ""); /* no empty matches */
}

static void test_syllables(void) {
  CHECK_STR(find("[syl = \"triển\"]", S1), "[triển][triển]");
  CHECK_STR(find("[syl = \"kinh\"] \"tế\"", S1), "[kinh tế]");
  CHECK_STR(find("\"phat trien\" [syl = \"kinh\"]", S1), "[phát triển kinh]");
}

/* a document with one figure and one person, for fact spans */
static doc *fact_doc(void) {
  doc *d = doc_new("t");
  doc_figure *f = fact_append(d, &fact_kinds[FK_figures]);
  f->text = doc_str(d, "5.000 tỷ đồng", strlen("5.000 tỷ đồng"));
  f->value = 5000;
  f->unit = doc_str(d, "tỷ đồng", strlen("tỷ đồng"));
  f->block = -1;
  doc_person *p = fact_append(d, &fact_kinds[FK_people]);
  p->name = doc_str(d, "Nguyễn Văn An", strlen("Nguyễn Văn An"));
  char *t = doc_str(d, "Bí thư Tỉnh ủy", strlen("Bí thư Tỉnh ủy"));
  VEC_PUSH(p->titles, t);
  return d;
}

static const char *S3 =
    "Bí thư Tỉnh ủy Nguyễn Văn An cho biết thu đạt 5.000 tỷ đồng. Ông "
    "Nguyễn Văn An nói thêm.";

static void test_facts(void) {
  doc *d = fact_doc();
  CHECK_STR(find_d("[figure]", S3, d), "[5.000 tỷ đồng]");
  CHECK_STR(find_d("[figure unit = \"ty dong\"]", S3, d), "[5.000 tỷ đồng]");
  CHECK_STR(find_d("[figure unit = \"đồng\"]", S3, d), "");
  CHECK_STR(find_d("[figure value > 1000]", S3, d), "[5.000 tỷ đồng]");
  CHECK_STR(find_d("[figure value < 1000]", S3, d), "");
  CHECK_STR(find_d("\"đạt\" n:[figure] \".\"", S3, d),
            "[đạt 5.000 tỷ đồng.|n=5.000 tỷ đồng]");
  CHECK_STR(find_d("[person title = /bí thư/]", S3, d),
            "[Bí thư Tỉnh ủy Nguyễn Văn An][Nguyễn Văn An]");
  CHECK_STR(find_d("\"Ông\" [person name = \"nguyen van an\"]", S3, d),
            "[Ông Nguyễn Văn An]");
  CHECK_STR(find_d("[person name = \"Nguyễn Văn Ân\"]", S3, d), "");
  /* "= value" alone: the first column (a person's name, a figure's text) */
  CHECK_STR(find_d("\"Ông\" [person = \"nguyen van an\"]", S3, d),
            "[Ông Nguyễn Văn An]");
  CHECK_STR(find_d("[person != \"Nguyễn Văn An\"]", S3, d), "");
  CHECK_STR(find_d("[figure = \"5.000 tỷ đồng\"]", S3, d), "[5.000 tỷ đồng]");
  CHECK_STR(find_d("[place]", S3, d), "");
  unsigned fp = (1u << FK_figures) | (1u << FK_people);
  CHECK(q_facts_written(d, S3, strlen(S3), 0, fp) == 1);
  CHECK(q_facts_written(d, "Nguyễn Văn An", strlen("Nguyễn Văn An"), 0, fp) ==
        0);
  CHECK(q_facts_written(d, "x", 1, 0, 0) == 1);
  doc_free(d);
}

/* A block is tokenized only when a fact passing the pattern's fact tests
** is written in it: a figure of another unit, or one inside an
** alternation's other side, does not make it a candidate. */
static void may_match(const char *pat, const char *text, int want) {
  doc *d = fact_doc();
  q_pattern *p = q_compile(pat, strlen(pat), NULL, err);
  CHECK(p != NULL);
  if (p) CHECK(q_block_may_match(p, d, text, strlen(text), 0) == want);
  q_free(p);
  doc_free(d);
}

static void test_block_prefilter(void) {
  may_match("[figure unit = \"tỷ đồng\"]", S3, 1);
  may_match("[figure unit = \"%\"]", S3, 0);
  may_match("\"thu\" [figure value > 10000]", S3, 0);
  may_match("[figure value > 1000] []? [person title = /bí thư/]", S3, 1);
  may_match("[figure unit = \"%\"] | \"thu\"", S3, 1);
  may_match("([figure unit = \"%\"])? \"thu\"", S3, 1);
  may_match("[figure unit = \"tỷ đồng\"]", "Nguyễn Văn An", 0);
}

static void test_sentence_budget(void) {
  q_pattern *p = q_compile("\"đạt\" []*", 12, NULL, err);
  CHECK(p != NULL);
  q_stream st;
  q_stream_build(&st, S3, strlen(S3), NULL, 0);
  int end = 0;
  while (end < st.ntok && !st.tok[end].sent_end) end++;
  CHECK(end < st.ntok && strcmp(st.tok[end].fold, ".") == 0);
  outc o = {{0}, &st, p};
  buf_init(&o.b);
  q_matcher *m = q_matcher_new(p);
  long budget = 1000000;
  CHECK(q_match_range(m, &st, 0, end + 1, &budget, on_m, &o) == 0);
  CHECK_STR(o.b.data, "[đạt 5.000 tỷ đồng.]");
  budget = 10;
  CHECK(q_match_range(m, &st, 0, st.ntok, &budget, on_m, &o) ==
        Q_BUDGET_EXCEEDED);
  q_matcher_free(m);
  buf_free(&o.b);
  q_stream_free(&st);
  q_free(p);
}

static int polls;
static int stop_after(void *ctx) {
  return ++polls >= *(int *)ctx;
}

/* A pattern with many threads on a long block: the run ends where the
** poll says so, well before the budget, inside that one block. */
static void test_stop_poll(void) {
  buf text;
  buf_init(&text);
  for (int i = 0; i < 400; i++) buf_printf(&text, "từ %d và ", i);
  const char *pat = "([] []?){1,40} \"không có\"";
  q_pattern *p = q_compile(pat, strlen(pat), NULL, err);
  CHECK(p != NULL);
  if (!p) return;
  q_stream st;
  q_stream_build(&st, text.data, text.len, NULL, 0);
  outc o = {{0}, &st, p};
  buf_init(&o.b);
  q_matcher *m = q_matcher_new(p);
  long budget = 1000000000L;
  int after = 3;
  q_matcher_set_stop(m, stop_after, &after);
  polls = 0;
  CHECK(q_match_range(m, &st, 0, st.ntok, &budget, on_m, &o) == Q_STOPPED);
  CHECK(polls == 3);
  CHECK(1000000000L - budget < 3L * Q_STOP_EVERY + 1);
  /* without a stop poll the same run goes on to the end: no match */
  q_matcher_set_stop(m, NULL, NULL);
  budget = 1000000000L;
  CHECK(q_match_range(m, &st, 0, st.ntok, &budget, on_m, &o) == 0);
  CHECK(1000000000L - budget > 3L * Q_STOP_EVERY);
  CHECK(o.b.data == NULL || o.b.len == 0);
  q_matcher_free(m);
  buf_free(&o.b);
  buf_free(&text);
  q_stream_free(&st);
  q_free(p);
}

static void test_store_side(void) {
  const char *pat =
      "\"phát triển\" [word = \"x\" | word = \"y\"] ([figure] | \"z\") "
      "[person]? :: year >= 2020 & (site = \"a\" | title = /b/) & place = "
      "\"Móng Cái\"";
  q_pattern *p = q_compile(pat, strlen(pat), NULL, err);
  CHECK(p != NULL);
  if (!p) return;
  CHECK_STR(q_fts(p), "(\"phát triển\" AND (\"x\" OR \"y\"))");
  CHECK(q_required_facts(p) == 0);
  CHECK(q_fact_kinds(p) == ((1u << FK_figures) | (1u << FK_people)));
  CHECK(q_nparams(p) == 4);
  CHECK(q_param_at(p, 0)->is_num && q_param_at(p, 0)->num == 2020);
  CHECK_STR(q_param_at(p, 3)->str, "Móng Cái");
  CHECK(strstr(q_where(p), "Móng") == NULL); /* values are parameters */
  CHECK(strstr(q_where(p), "?4") != NULL);
  q_free(p);
  const char *p2 = "[figure] \"a\" [ref]{1,2}";
  p = q_compile(p2, strlen(p2), NULL, err);
  CHECK(p && q_required_facts(p) == ((1u << FK_figures) | (1u << FK_refs)));
  q_free(p);
  const char *p3 = "[word = /x/] within answer | sentence";
  p = q_compile(p3, strlen(p3), NULL, err);
  CHECK(p && !q_fts(p) && q_in_sentence(p) && q_kinds(p) == 1u << BK_ANSWER);
  q_free(p);
}

int main(void) {
  test_errors();
  test_words();
  test_structure();
  test_syllables();
  test_facts();
  test_block_prefilter();
  test_sentence_budget();
  test_stop_poll();
  test_store_side();
  return check_done();
}
