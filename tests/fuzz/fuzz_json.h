/*
** fuzz_json.h — a strict JSON syntax checker for the fuzz targets (RFC
** 8259: one value, no trailing bytes, strings without raw controls,
** valid escapes, valid UTF-8 left to the caller). File-local functions
** only; include once per program.
*/
#ifndef TINSH_FUZZ_JSON_H
#define TINSH_FUZZ_JSON_H

#include <string.h>

typedef struct fjson {
  const char *s; /* text */
  size_t n, i;   /* length, cursor */
  int depth;
} fjson;

static int fjson_value(fjson *j);

static void fjson_ws(fjson *j) {
  while (j->i < j->n && strchr(" \t\r\n", j->s[j->i]) && j->s[j->i]) j->i++;
}

static int fjson_lit(fjson *j, const char *w) {
  size_t k = strlen(w);
  if (j->n - j->i < k || memcmp(j->s + j->i, w, k) != 0) return 0;
  j->i += k;
  return 1;
}

static int fjson_string(fjson *j) {
  if (j->i >= j->n || j->s[j->i] != '"') return 0;
  for (j->i++; j->i < j->n; j->i++) {
    unsigned char c = (unsigned char)j->s[j->i];
    if (c == '"') return j->i++, 1;
    if (c < 0x20) return 0;
    if (c != '\\') continue;
    if (++j->i >= j->n) return 0;
    c = (unsigned char)j->s[j->i];
    if (c == 'u') {
      for (int k = 0; k < 4; k++)
        if (++j->i >= j->n || !strchr("0123456789abcdefABCDEF", j->s[j->i]) ||
            !j->s[j->i])
          return 0;
    } else if (!c || !strchr("\"\\/bfnrt", c)) {
      return 0;
    }
  }
  return 0;
}

static int fjson_number(fjson *j) {
  size_t st = j->i;
  if (j->i < j->n && j->s[j->i] == '-') j->i++;
  if (j->i >= j->n) return 0;
  if (j->s[j->i] == '0') {
    j->i++;
  } else if (j->s[j->i] >= '1' && j->s[j->i] <= '9') {
    while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9') j->i++;
  } else {
    return 0;
  }
  if (j->i < j->n && j->s[j->i] == '.') {
    size_t d = ++j->i;
    while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9') j->i++;
    if (j->i == d) return 0;
  }
  if (j->i < j->n && (j->s[j->i] == 'e' || j->s[j->i] == 'E')) {
    j->i++;
    if (j->i < j->n && (j->s[j->i] == '+' || j->s[j->i] == '-')) j->i++;
    size_t d = j->i;
    while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9') j->i++;
    if (j->i == d) return 0;
  }
  return j->i > st;
}

/* object or array: open/close brackets, members "key": value or values */
static int fjson_compound(fjson *j, char close, int keyed) {
  if (++j->depth > 64) return 0;
  j->i++;
  fjson_ws(j);
  if (j->i < j->n && j->s[j->i] == close) return j->i++, j->depth--, 1;
  for (;;) {
    fjson_ws(j);
    if (keyed) {
      if (!fjson_string(j)) return 0;
      fjson_ws(j);
      if (j->i >= j->n || j->s[j->i++] != ':') return 0;
    }
    if (!fjson_value(j)) return 0;
    fjson_ws(j);
    if (j->i >= j->n) return 0;
    char c = j->s[j->i++];
    if (c == close) return j->depth--, 1;
    if (c != ',') return 0;
  }
}

static int fjson_value(fjson *j) {
  fjson_ws(j);
  if (j->i >= j->n) return 0;
  switch (j->s[j->i]) {
    case '{':
      return fjson_compound(j, '}', 1);
    case '[':
      return fjson_compound(j, ']', 0);
    case '"':
      return fjson_string(j);
    case 't':
      return fjson_lit(j, "true");
    case 'f':
      return fjson_lit(j, "false");
    case 'n':
      return fjson_lit(j, "null");
    default:
      return fjson_number(j);
  }
}

/* Is s[0..n) exactly one JSON value (surrounding white space allowed)? */
static int fjson_valid(const char *s, size_t n) {
  fjson j = {s, n, 0, 0};
  if (!fjson_value(&j)) return 0;
  fjson_ws(&j);
  return j.i == n;
}

#endif
