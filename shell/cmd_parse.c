/*
** cmd_parse.c — `tinsh parse [--pretty|--text] [--no-facts] FILE...`
**
** Prints each parsed document as one JSON line (DESIGN.md contract), or
** indented JSON (--pretty), or readable "kind: text" lines (--text).
** "-" reads standard input. A file that cannot be read gets a one-line
** error "tinsh: <file>: <reason>"; the others are still parsed and the
** exit status is 1.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "doc.h"
#include "parse.h"
#include "pipeline.h"
#include "width.h"

enum { OUT_JSON, OUT_PRETTY, OUT_TEXT };

/* Re-indent one compact JSON value (as doc_to_json writes it). */
static void pretty_json(const char *s, size_t n, FILE *out) {
  int depth = 0, in_str = 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (in_str) {
      fputc(c, out);
      if (c == '\\' && i + 1 < n)
        fputc(s[++i], out);
      else if (c == '"')
        in_str = 0;
      continue;
    }
    switch (c) {
      case '"':
        in_str = 1;
        fputc(c, out);
        break;
      case '{':
      case '[':
        /* keep empty containers on one line */
        if (i + 1 < n && (s[i + 1] == '}' || s[i + 1] == ']')) {
          fputc(c, out);
          fputc(s[++i], out);
          break;
        }
        fputc(c, out);
        depth++;
        fprintf(out, "\n%*s", depth * 2, "");
        break;
      case '}':
      case ']':
        depth--;
        fprintf(out, "\n%*s%c", depth * 2, "", c);
        break;
      case ',':
        fprintf(out, ",\n%*s", depth * 2, "");
        break;
      case ':':
        fputs(": ", out);
        break;
      default:
        fputc(c, out);
    }
  }
  fputc('\n', out);
}

/* Print a value that may be NULL, made visible for a terminal. */
static void field(FILE *out, const char *k, const char *v) {
  fprintf(out, "%s: ", k);
  width_put_visible(v ? v : "-", v ? strlen(v) : 1, out);
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

static void usage(FILE *f) {
  fprintf(f,
          "usage: tinsh parse [--pretty|--text] [--no-facts] FILE...\n"
          "  print each parsed document as one JSON line; FILE - reads "
          "stdin\n"
          "  --pretty    indented JSON\n"
          "  --text      blocks as readable \"kind: text\" lines\n"
          "  --no-facts  structure only (skip fact extraction)\n"
          "  --max-file-size N  skip larger inputs (default 64M; K, M, G)\n");
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

int cmd_parse(int argc, char **argv) {
  int mode = OUT_JSON, flags = 0, status = 0, files = 0, opts = 1;
  int64_t max = 0; /* --max-file-size: 0 = UTIL_READ_MAX */
  buf out;
  buf_init(&out);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (opts && a[0] == '-' && a[1]) {
      if (strcmp(a, "--") == 0)
        opts = 0;
      else if (strcmp(a, "--pretty") == 0)
        mode = OUT_PRETTY;
      else if (strcmp(a, "--text") == 0)
        mode = OUT_TEXT;
      else if (strcmp(a, "--no-facts") == 0)
        flags |= PARSE_NO_FACTS;
      else if (strcmp(a, "--max-file-size") == 0 && i + 1 < argc) {
        if ((max = cmd_size_arg(argv[++i])) < 0) {
          cmd_error("--max-file-size", "a size such as 64M, 512K or 1G");
          return 2;
        }
      } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
        usage(stdout);
        return 0;
      } else {
        cmd_error(a, "unknown option (see tinsh parse --help)");
        return 2;
      }
      continue;
    }
    files++;
    doc *d;
    if (strcmp(a, "-") == 0 && opts) {
      size_t len;
      char *bytes = read_stdin(max, &len);
      if (!bytes) {
        fflush(stdout);
        cmd_error("-",
                  "larger than the size limit (--max-file-size, 64 MiB "
                  "by default): skipped");
        status = 1;
        continue;
      }
      d = pipeline_document("-", bytes, len, flags);
      free(bytes);
    } else {
      const char *why = "cannot read";
      d = pipeline_file(a, flags, max, &why);
      if (!d) {
        fflush(stdout);
        cmd_error(a, why);
        status = 1;
        continue;
      }
    }
    buf_reset(&out);
    doc_to_json(d, &out);
    if (mode == OUT_JSON) {
      buf_addc(&out, '\n');
      fwrite(out.data, 1, out.len, stdout);
    } else if (mode == OUT_PRETTY) {
      pretty_json(out.data, out.len, stdout);
    } else {
      print_text(d, stdout);
    }
    doc_free(d);
  }
  buf_free(&out);
  if (!files) {
    usage(stderr);
    return 2;
  }
  if (fflush(stdout) != 0 || ferror(stdout)) {
    cmd_error("stdout", "write error");
    return 1;
  }
  return status;
}
