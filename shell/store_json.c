/*
** store_json.c — the little JSON the store needs: reading article records
** (.json/.jsonl input) and arrays of strings (people.titles), writing
** arrays of strings. Not a general JSON library: values other than the
** fields we read are validated and skipped.
*/
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "store_int.h"

typedef struct jp {
  const char *s;   /* input */
  size_t n, i;     /* length, cursor */
  const char *why; /* first error */
  int depth;
} jp;

static void ws(jp *p) {
  while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
                         p->s[p->i] == '\n' || p->s[p->i] == '\r'))
    p->i++;
}

static int fail(jp *p, const char *why) {
  if (!p->why) p->why = why;
  return -1;
}

static int hex4(jp *p, unsigned *v) {
  if (p->i + 4 > p->n) return fail(p, "truncated \\u escape");
  *v = 0;
  for (int k = 0; k < 4; k++) {
    char c = p->s[p->i++];
    *v <<= 4;
    if (c >= '0' && c <= '9')
      *v |= (unsigned)(c - '0');
    else if (c >= 'a' && c <= 'f')
      *v |= (unsigned)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      *v |= (unsigned)(c - 'A' + 10);
    else
      return fail(p, "bad \\u escape");
  }
  return 0;
}

static void utf8(buf *b, unsigned c) {
  char t[4];
  if (c < 0x80) {
    buf_addc(b, (char)c);
  } else if (c < 0x800) {
    t[0] = (char)(0xC0 | (c >> 6)), t[1] = (char)(0x80 | (c & 0x3F));
    buf_add(b, t, 2);
  } else if (c < 0x10000) {
    t[0] = (char)(0xE0 | (c >> 12)), t[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    t[2] = (char)(0x80 | (c & 0x3F));
    buf_add(b, t, 3);
  } else {
    t[0] = (char)(0xF0 | (c >> 18)), t[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    t[2] = (char)(0x80 | ((c >> 6) & 0x3F)), t[3] = (char)(0x80 | (c & 0x3F));
    buf_add(b, t, 4);
  }
}

/* Parse a string at the cursor (which is on '"') into b (if not NULL). */
static int str(jp *p, buf *b) {
  p->i++; /* opening quote */
  while (p->i < p->n) {
    char c = p->s[p->i++];
    if (c == '"') return 0;
    if (c != '\\') {
      if (b) buf_addc(b, c);
      continue;
    }
    if (p->i >= p->n) break;
    char e = p->s[p->i++];
    unsigned u, lo;
    switch (e) {
      case 'n':
        c = '\n';
        break;
      case 't':
        c = '\t';
        break;
      case 'r':
        c = '\r';
        break;
      case 'b':
        c = '\b';
        break;
      case 'f':
        c = '\f';
        break;
      case '"':
      case '\\':
      case '/':
        c = e;
        break;
      case 'u':
        if (hex4(p, &u) != 0) return -1;
        if (u >= 0xD800 && u < 0xDC00 && p->i + 6 <= p->n &&
            p->s[p->i] == '\\' && p->s[p->i + 1] == 'u') {
          p->i += 2;
          if (hex4(p, &lo) != 0) return -1;
          if (lo >= 0xDC00 && lo < 0xE000)
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
          else
            u = 0xFFFD;
        } else if (u >= 0xD800 && u < 0xE000) {
          u = 0xFFFD;
        }
        if (b) utf8(b, u);
        continue;
      default:
        return fail(p, "bad escape in string");
    }
    if (b) buf_addc(b, c);
  }
  return fail(p, "unterminated string");
}

static int value(jp *p, buf *b);

/* Skip an object or array at the cursor. */
static int container(jp *p) {
  char close = p->s[p->i] == '{' ? '}' : ']';
  int obj = close == '}';
  if (++p->depth > 200) return fail(p, "nesting too deep");
  p->i++;
  ws(p);
  if (p->i < p->n && p->s[p->i] == close) {
    p->i++;
    p->depth--;
    return 0;
  }
  for (;;) {
    ws(p);
    if (obj) {
      if (p->i >= p->n || p->s[p->i] != '"') return fail(p, "expected a key");
      if (str(p, NULL) != 0) return -1;
      ws(p);
      if (p->i >= p->n || p->s[p->i] != ':') return fail(p, "expected ':'");
      p->i++;
    }
    if (value(p, NULL) != 0) return -1;
    ws(p);
    if (p->i < p->n && p->s[p->i] == ',') {
      p->i++;
      continue;
    }
    if (p->i < p->n && p->s[p->i] == close) {
      p->i++;
      p->depth--;
      return 0;
    }
    return fail(p, obj ? "expected ',' or '}'" : "expected ',' or ']'");
  }
}

/* Parse any value; strings go to b (when b is given), numbers and
** literals as written. */
static int value(jp *p, buf *b) {
  ws(p);
  if (p->i >= p->n) return fail(p, "unexpected end of input");
  char c = p->s[p->i];
  if (c == '"') return str(p, b);
  if (c == '{' || c == '[') return container(p);
  size_t st = p->i;
  while (p->i < p->n && strchr("+-.0123456789eEtrufalsn", p->s[p->i])) p->i++;
  if (p->i == st) return fail(p, "unexpected character");
  if (b && !(p->i - st == 4 && memcmp(p->s + st, "null", 4) == 0))
    buf_add(b, p->s + st, p->i - st);
  return 0;
}

/* An object's "name" string into b (other members skipped); the cursor
** is on '{' of an object already validated. */
static void object_name(jp *p, buf *b) {
  buf key;
  buf_init(&key);
  p->i++;
  for (ws(p); p->i < p->n && p->s[p->i] == '"';) {
    buf_reset(&key);
    str(p, &key);
    ws(p);
    p->i++; /* ':' */
    int name = key.len == 4 && memcmp(key.data, "name", 4) == 0;
    ws(p);
    if (name && p->i < p->n && p->s[p->i] == '"')
      str(p, b);
    else
      value(p, NULL);
    ws(p);
    if (p->i < p->n && p->s[p->i] == ',') p->i++;
    ws(p);
  }
  if (p->i < p->n && p->s[p->i] == '}') p->i++;
  buf_free(&key);
}

/*
** A metadata value as text into b: a string, a number or literal as
** written, an array of strings (or of {"name": …} objects) joined by ", ",
** an object's "name". The value is validated first, then read again.
*/
static int meta_value(jp *p, buf *b) {
  ws(p);
  if (p->i >= p->n || (p->s[p->i] != '[' && p->s[p->i] != '{'))
    return value(p, b);
  jp q = *p;
  if (container(p) != 0) return -1;
  q.n = p->i;
  if (q.s[q.i] == '{') return object_name(&q, b), 0;
  for (q.i++, ws(&q); q.i < q.n && q.s[q.i] != ']';) {
    size_t before = b->len, at = q.i;
    if (b->len) buf_adds(b, ", ");
    size_t mark = b->len;
    if (q.s[q.i] == '"')
      str(&q, b);
    else if (q.s[q.i] == '{')
      object_name(&q, b);
    else
      value(&q, NULL);
    if (b->len == mark) b->len = before; /* nothing added: no separator */
    ws(&q);
    if (q.i < q.n && q.s[q.i] == ',') q.i++;
    ws(&q);
    if (q.i == at) break; /* cannot happen on a validated array */
  }
  return 0;
}

void json_rec_free(json_rec *r) {
  free(r->title);
  free(r->date);
  free(r->body);
  free(r->url);
  buf_free(&r->meta);
  memset(r, 0, sizeof *r);
}

/* Keep a metadata pair "key\0value\0" in r->meta. */
static void meta_keep(json_rec *r, const buf *key, const buf *val) {
  if (!val->len || !key->len || memchr(key->data, 0, key->len) ||
      memchr(val->data, 0, val->len))
    return;
  buf_add(&r->meta, key->data, key->len);
  buf_addc(&r->meta, '\0');
  buf_add(&r->meta, val->data, val->len);
  buf_addc(&r->meta, '\0');
}

void json_rec_meta(const json_rec *r, doc *d) {
  char *author = d->author, *site = d->site;
  d->author = d->site = NULL;
  for (int pass = 0; pass < 2; pass++) {
    for (size_t i = 0; i < r->meta.len;) {
      const char *k = r->meta.data + i, *v = k + strlen(k) + 1;
      parse_meta_key(d, k, strlen(k), v, strlen(v), pass);
      i = (size_t)(v + strlen(v) + 1 - r->meta.data);
    }
  }
  if (r->url) parse_meta_key(d, "url", 3, r->url, strlen(r->url), 1);
  if (!d->author) d->author = author;
  if (!d->site) d->site = site;
}

/* Which record field a key fills, with its priority (lower wins). */
static char **field(json_rec *r, const char *k, int *prio) {
  static const struct {
    const char *key;
    int field, prio;
  } map[] = {{"title", 0, 0},     {"headline", 0, 1}, {"date", 1, 0},
             {"published", 1, 1}, {"time", 1, 2},     {"body", 2, 0},
             {"text", 2, 1},      {"content", 2, 2},  {"url", 3, 0},
             {"link", 3, 1}};
  char **f[4] = {&r->title, &r->date, &r->body, &r->url};
  for (size_t i = 0; i < sizeof map / sizeof *map; i++)
    if (strcmp(map[i].key, k) == 0) {
      *prio = map[i].prio;
      return f[map[i].field];
    }
  return NULL;
}

long json_object(const char *s, size_t n, json_rec *r, const char **why) {
  jp p = {s, n, 0, NULL, 0};
  int prio[4] = {99, 99, 99, 99};
  char **slots[4] = {&r->title, &r->date, &r->body, &r->url};
  buf key, val;
  buf_init(&key);
  buf_init(&val);
  memset(r, 0, sizeof *r);
  ws(&p);
  if (p.i >= n || s[p.i] != '{') {
    fail(&p, "expected a JSON object");
    goto out;
  }
  p.i++;
  ws(&p);
  if (p.i < n && s[p.i] == '}') {
    p.i++;
    goto out;
  }
  for (;;) {
    ws(&p);
    buf_reset(&key);
    if (p.i >= n || s[p.i] != '"') {
      fail(&p, "expected a key");
      break;
    }
    if (str(&p, &key) != 0) break;
    ws(&p);
    if (p.i >= n || s[p.i] != ':') {
      fail(&p, "expected ':'");
      break;
    }
    p.i++;
    int pr = 0;
    char **slot = field(r, key.data ? key.data : "", &pr);
    buf_reset(&val);
    if ((slot ? value(&p, &val) : meta_value(&p, &val)) != 0) break;
    if (!slot) meta_keep(r, &key, &val);
    if (slot && val.len) {
      int k = 0;
      while (slots[k] != slot) k++;
      if (pr < prio[k]) {
        free(*slot);
        *slot = xstrndup(val.data, val.len);
        prio[k] = pr;
      }
    }
    ws(&p);
    if (p.i < n && s[p.i] == ',') {
      p.i++;
      continue;
    }
    if (p.i < n && s[p.i] == '}') {
      p.i++;
      break;
    }
    fail(&p, "expected ',' or '}'");
    break;
  }
out:
  buf_free(&key);
  buf_free(&val);
  if (p.why) {
    *why = p.why;
    json_rec_free(r);
    return -1;
  }
  return (long)p.i;
}

int json_strings(doc *d, const char *s, void *vec) {
  VEC(char *) *v = vec;
  jp p = {s, strlen(s), 0, NULL, 0};
  buf b;
  buf_init(&b);
  ws(&p);
  if (p.i >= p.n || s[p.i] != '[') return -1;
  p.i++;
  for (;;) {
    ws(&p);
    if (p.i >= p.n || s[p.i] == ']') break;
    buf_reset(&b);
    if (s[p.i] != '"' || str(&p, &b) != 0) break;
    char *x = doc_str(d, b.data ? b.data : "", b.len);
    VEC_PUSH(*v, x);
    ws(&p);
    if (p.i < p.n && s[p.i] == ',') p.i++;
  }
  buf_free(&b);
  return 0;
}

void json_add_strings(buf *b, char *const *items, size_t n) {
  buf_addc(b, '[');
  for (size_t i = 0; i < n; i++) {
    if (i) buf_addc(b, ',');
    const char *s = items[i] ? items[i] : "";
    buf_add_json_str(b, s, strlen(s));
  }
  buf_addc(b, ']');
}
