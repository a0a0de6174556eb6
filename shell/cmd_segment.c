/*
** cmd_segment.c — `tinsh segment [--json] [FILE|-]...`
**
** Each input line comes out with the syllables of each word joined by
** '_' ("Chính_phủ Việt_Nam"); every other byte is kept as it is. With
** --json, one JSON object per line: {"line": N, "words": [{"word": ...,
** "from": B, "to": E, "n": SYLLABLES, "kind": ...}]}, B and E being
** 0-based byte offsets into the line (E exclusive). No FILE or "-" reads
** standard input. A file that cannot be read gets a one-line error
** naming it; the others are still segmented and the exit status is 1.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "segment.h"
#include "util.h"

static const char *const kind_names[] = {"word",   "unknown", "name", "place",
                                         "proper", "number",  "user"};

typedef struct seg_out {
  const char *line;
  size_t n;
  buf *b;
  size_t at;  /* bytes of the line already copied (plain output) */
  int nwords; /* words written so far (JSON output) */
} seg_out;

/* Plain output: copy up to the word's end, then '_' for its spaces. */
static int put_plain(void *ctx, size_t from, size_t to, int nsyl, int kind) {
  seg_out *o = ctx;
  (void)kind;
  buf_add(o->b, o->line + o->at, to - o->at);
  char *w = o->b->data + o->b->len - (to - from); /* the word, copied */
  for (size_t i = 0; nsyl > 1 && i < to - from; i++)
    if (w[i] == ' ') w[i] = '_';
  o->at = to;
  return 0;
}

/* JSON output: one element of "words". */
static int put_json(void *ctx, size_t from, size_t to, int nsyl, int kind) {
  seg_out *o = ctx;
  buf_adds(o->b, o->nwords++ ? ",{\"word\":" : "{\"word\":");
  buf_add_json_str(o->b, o->line + from, to - from);
  buf_printf(o->b, ",\"from\":%zu,\"to\":%zu,\"n\":%d,\"kind\":\"%s\"}", from,
             to, nsyl, kind_names[kind]);
  return 0;
}

/* Segment one line (without its newline) into b. */
static void segment_line(const seg_lex *lex, const char *line, size_t n,
                         int json, long lineno, buf *b) {
  seg_out o = {line, n, b, 0, 0};
  if (json) {
    buf_printf(b, "{\"line\":%ld,\"words\":[", lineno);
    seg_words(lex, line, n, put_json, &o);
    buf_adds(b, "]}");
  } else {
    seg_words(lex, line, n, put_plain, &o);
    buf_add(b, line + o.at, n - o.at);
  }
}

/* Segment every line of f to stdout. */
static void segment_stream(const seg_lex *lex, FILE *f, int json) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  long lineno = 0;
  buf b;
  buf_init(&b);
  while ((n = getline(&line, &cap, f)) >= 0) {
    int nl = n > 0 && line[n - 1] == '\n';
    buf_reset(&b);
    segment_line(lex, line, (size_t)n - (size_t)nl, json, ++lineno, &b);
    if (nl || json) buf_addc(&b, '\n');
    fwrite(b.data, 1, b.len, stdout);
  }
  free(line);
  buf_free(&b);
}

/* Segment one named file ("-": standard input); 0, or 1 when unreadable. */
static int segment_file(const seg_lex *lex, const char *path, int json) {
  if (strcmp(path, "-") == 0) {
    segment_stream(lex, stdin, json);
    return 0;
  }
  FILE *f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "tinsh: segment: %s: %s\n", path, strerror(errno));
    return 1;
  }
  segment_stream(lex, f, json);
  if (ferror(f)) {
    fprintf(stderr, "tinsh: segment: %s: %s\n", path, strerror(errno));
    fclose(f);
    return 1;
  }
  fclose(f);
  return 0;
}

int cmd_segment(const cmd_args *a) {
  int json = 0, status = 0;
  for (int i = 0; i < a->nopt; i++) json |= a->opt[i].key == 'j';
  const seg_lex *lex = seg_lex_default();
  for (int i = 0; i < a->argc; i++)
    status |= segment_file(lex, a->argv[i], json);
  if (a->argc == 0) status = segment_file(lex, "-", json);
  fflush(stdout);
  return status;
}
