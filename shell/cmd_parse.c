/*
** cmd_parse.c — `tinsh parse [--pretty|--text] [--no-facts] FILE...`
** (its options and help are in cli.c's command table).
**
** Prints each parsed document as one JSON line (doc.c's doc_to_json), or
** indented JSON (--pretty), or readable "kind: text" lines (--text).
** "-" reads standard input. A file that cannot be read gets a one-line
** error "tinsh: <file>: <reason>"; the others are still parsed and the
** exit status is 1.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "doc.h"
#include "parse.h"
#include "parse_folder.h"
#include "pipeline.h"
#include "width.h"

enum { OUT_JSON, OUT_PRETTY, OUT_TEXT };

/* a new line indented for depth */
static void newline(int depth, FILE *out) {
  fprintf(out, "\n%*s", depth * 2, "");
}

/*
** Re-indent the JSON character s[*i] outside strings: containers open and
** close on their own lines (empty ones stay "{}" / "[]"), "," ends a
** line, ":" gets a space.
*/
static void pretty_char(const char *s, size_t n, size_t *i, int *depth,
                        FILE *out) {
  char c = s[*i];
  if ((c == '{' || c == '[') && *i + 1 < n &&
      (s[*i + 1] == '}' || s[*i + 1] == ']')) {
    fputc(c, out), fputc(s[++*i], out);
  } else if (c == '{' || c == '[') {
    fputc(c, out), newline(++*depth, out);
  } else if (c == '}' || c == ']') {
    newline(--*depth, out), fputc(c, out);
  } else if (c == ',') {
    fputc(c, out), newline(*depth, out);
  } else if (c == ':') {
    fputs(": ", out);
  } else {
    fputc(c, out);
  }
}

/* Re-indent one compact JSON value (as doc_to_json writes it). */
static void pretty_json(const char *s, size_t n, FILE *out) {
  int depth = 0, in_str = 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (!in_str && c != '"') {
      pretty_char(s, n, &i, &depth, out);
      continue;
    }
    fputc(c, out);
    if (in_str && c == '\\' && i + 1 < n)
      fputc(s[++i], out);
    else if (c == '"')
      in_str = !in_str;
  }
  fputc('\n', out);
}

/* Print a value that may be NULL, made visible for a terminal. */
static void field(FILE *out, const char *k, const char *v) {
  fprintf(out, "%s: ", k);
  width_put_visible(v ? v : "-", v ? strlen(v) : 1, out, 0);
  fputc('\n', out);
}

/* --text: the document fields, then one "kind: text" line per block. */
static void print_text(const doc *d, FILE *out) {
  field(out, "path", d->path);
  field(out, "id", d->id);
  field(out, "title", d->title);
  field(out, "published", d->published);
  field(out, "author", d->author);
  field(out, "site", d->site);
  for (size_t i = 0; i < d->warnings.n; i++)
    field(out, "warning", d->warnings.items[i]);
  for (size_t i = 0; i < d->blocks.n; i++) {
    const doc_block *b = &d->blocks.items[i];
    fprintf(out, "%11s: ", doc_kind_name(b->kind));
    for (size_t j = 0; j < b->len; j++) {
      char c = b->text[j];
      if (c == '\n')
        fputs("\n             ", out);
      else
        fputc(c, out);
    }
    fputc('\n', out);
  }
  for (size_t i = 0; i < d->qa.n; i++)
    fprintf(out, "Q%zu: %s\nA%zu: %s\n", i + 1, d->qa.items[i].q, i + 1,
            d->qa.items[i].a ? d->qa.items[i].a : "-");
  fputc('\n', out);
}

/* Read all of stdin (at most max bytes, 0: UTIL_READ_MAX) into a malloc'd
** buffer; NULL when it is larger. */
static char *read_stdin(int64_t max, size_t *len) {
  buf b;
  buf_init(&b);
  char chunk[65536];
  size_t k;
  if (max <= 0) max = UTIL_READ_MAX;
  while ((k = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
    if ((int64_t)(b.len + k) > max) {
      buf_free(&b);
      return NULL;
    }
    buf_add(&b, chunk, k);
  }
  *len = b.len;
  return buf_detach(&b);
}

/* what `tinsh parse` was asked for */
typedef struct parse_cmd {
  int mode;    /* OUT_JSON, OUT_PRETTY or OUT_TEXT */
  int flags;   /* PARSE_NO_FACTS */
  int64_t max; /* --max-file-size: 0 = UTIL_READ_MAX */
  buf out;     /* JSON lines not yet handed to stdout */
  size_t hold; /* JSON mode: out is handed over once it holds this much */
} parse_cmd;

/*
** Hand the JSON lines held in c->out to stdout and empty it. In JSON mode
** to a file or pipe stdout is unbuffered (cmd_parse), so this is one
** write of c->out itself, not a copy into stdio's buffer first; a failed
** write leaves stdout's error flag set, which cmd_parse reports.
*/
static void out_flush(parse_cmd *c) {
  if (c->out.len) fwrite(c->out.data, 1, c->out.len, stdout);
  buf_reset(&c->out);
}

/* Read parse's options (cli.c: --pretty --text --no-facts
** --max-file-size; cli.c makes sure a FILE is given). 0, or 2 after a
** usage error. */
static int parse_options(const cmd_args *a, parse_cmd *c) {
  for (int i = 0; i < a->nopt; i++) {
    const cmd_opt *p = &a->opt[i];
    if (p->key == 'p') c->mode = OUT_PRETTY;
    if (p->key == 't') c->mode = OUT_TEXT;
    if (p->key == 'n') c->flags |= PARSE_NO_FACTS;
    if (p->key == 'm' && (c->max = cmd_size_arg(p->val)) < 0)
      return cmd_bad_option(a, p, "a size such as 64M, 512K or 1G");
  }
  return 0;
}

/* Parse standard input ("-"); NULL after a one-line error. */
static doc *parse_stdin(parse_cmd *c) {
  size_t len;
  char *bytes = read_stdin(c->max, &len);
  if (!bytes) {
    out_flush(c);
    fflush(stdout);
    cmd_error("-",
              "larger than the size limit (--max-file-size, 64 MiB "
              "by default): skipped");
    return NULL;
  }
  doc *d = pipeline_document("-", bytes, len, c->flags);
  free(bytes);
  return d;
}

/* Parse the file name (its bytes when the folder pass kept them, which
** are freed); NULL after a one-line error. */
static doc *parse_named(parse_cmd *c, const char *name, parse_ctx *ctx,
                        char *bytes, size_t len) {
  const char *why = "cannot read";
  doc *d;
  if (bytes) return pipeline_document_ctx(name, bytes, len, c->flags, ctx);
  d = pipeline_file_ctx(name, c->flags, c->max, ctx, &why);
  if (!d) {
    out_flush(c);
    fflush(stdout);
    cmd_error(name, why);
  }
  return d;
}

/* print d as the mode asks (JSON lines: held in c->out until it holds
** c->hold bytes) */
static void put_doc(parse_cmd *c, const doc *d) {
  if (c->mode == OUT_JSON) {
    doc_to_json(d, &c->out);
    buf_addc(&c->out, '\n');
    if (c->out.len >= c->hold) out_flush(c);
    return;
  }
  doc_to_json(d, &c->out);
  if (c->mode == OUT_PRETTY)
    pretty_json(c->out.data, c->out.len, stdout);
  else
    print_text(d, stdout);
  buf_reset(&c->out); /* printed: nothing held */
}

/* Each operand in turn ("-" before "--": standard input); a file that
** fails gets its error line and the rest still run. */
int cmd_parse(const cmd_args *a) {
  parse_cmd c = {OUT_JSON, 0, 0, {0}, 0};
  int status = parse_options(a, &c);
  if (status) return status;
  buf_init(&c.out);
  /* documents go out in 256 KB writes, not one or two per document
  ** (stdio's own buffer is 4 KB, smaller than most documents' JSON);
  ** a terminal keeps its line buffering */
  static char obuf[1 << 18];
  if (!isatty(fileno(stdout)) && c.mode == OUT_JSON) {
    /* JSON lines gather in c.out and go out by the 256 KB straight from
    ** it (out_flush): stdio's buffer would only copy them once more */
    setvbuf(stdout, NULL, _IONBF, 0);
    c.hold = sizeof obuf;
  } else if (!isatty(fileno(stdout))) {
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
  }
  /* files of one folder: its repeated lines are chrome (parse_folder.h);
  ** the files read to learn them are not read again */
  parse_kept kept;
  parse_ctx **fc = parse_folder_group_keep((const char *const *)a->argv,
                                           (size_t)a->argc, c.max, &kept);
  for (int i = 0; i < a->argc; i++) {
    const char *name = a->argv[i];
    doc *d = strcmp(name, "-") == 0 && i < a->rest
                 ? parse_stdin(&c)
                 : parse_named(&c, name, fc ? fc[i] : NULL, kept.bytes[i],
                               kept.lens[i]);
    if (fc) parse_ctx_free(fc[i]);
    if (!d) {
      status = 1;
      continue;
    }
    put_doc(&c, d);
    doc_free(d);
  }
  free(fc);
  parse_kept_free(&kept);
  out_flush(&c);
  buf_free(&c.out);
  if (fflush(stdout) != 0 || ferror(stdout)) {
    cmd_error("stdout", "write error");
    return 1;
  }
  return status;
}
