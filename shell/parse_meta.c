/*
** parse_meta.c — metadata headers at the top of a text (parse_int.h):
** "# key = value" comment lines (a common layout of published news
** corpora: "# doc_id = 12", "# date = 2020-05-20", "# title = …") and
** YAML front matter ("---" / "key: value" / "---"), and an HTML page's
** head saved as text (its meta lines and <title>). Known keys feed the
** document's title, published, author and site; the header's units
** become boilerplate blocks, so the blocks still cover the whole text.
** Also splits a date marker glued to the body ("date 2024-03-04Nội
** dung…") into a date line and the body.
*/
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include <string.h>

#include "date.h"
#include "parse_int.h"
#include "text.h"

enum { F_NONE, F_TITLE, F_DATE, F_AUTHOR, F_SITE, F_URL };

/* The field a header key fills (key lower-cased ASCII, '_' or '-'). */
static int key_field(const char *k, size_t n) {
  static const struct {
    const char *key;
    int field;
  } map[] = {{"title", F_TITLE},       {"headline", F_TITLE},
             {"tieu_de", F_TITLE},     {"date", F_DATE},
             {"published", F_DATE},    {"published_at", F_DATE},
             {"publish_date", F_DATE}, {"date_published", F_DATE},
             {"pubdate", F_DATE},      {"datetime", F_DATE},
             {"time", F_DATE},         {"created", F_DATE},
             {"created_at", F_DATE},   {"ngay", F_DATE},
             {"author", F_AUTHOR},     {"authors", F_AUTHOR},
             {"byline", F_AUTHOR},     {"tac_gia", F_AUTHOR},
             {"site", F_SITE},         {"source", F_SITE},
             {"publisher", F_SITE},    {"newspaper", F_SITE},
             {"domain", F_SITE},       {"site_name", F_SITE},
             {"url", F_URL},           {"link", F_URL},
             {"source_url", F_URL},    {"published_time", F_DATE},
             {"canonical", F_URL}};
  for (size_t i = 0; i < sizeof map / sizeof *map; i++)
    if (strlen(map[i].key) == n && memcmp(map[i].key, k, n) == 0)
      return map[i].field;
  return F_NONE;
}

/* Read the key at s[*i..) into kb (lower-cased ASCII letters, digits,
** '_'; '-' and, in "# …" lines, inner spaces become '_'); returns its
** length (0: none) and whether it held a space in *space. */
static size_t read_key(const char *s, size_t n, size_t *i, int hash,
                       char kb[40], int *space) {
  size_t k = 0;
  *space = 0;
  for (; *i < n && k < 32; (*i)++) {
    char c = s[*i];
    if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
    if (c == ' ' && hash && k && *i + 1 < n && s[*i + 1] != ' ' &&
        s[*i + 1] != '=' && s[*i + 1] != ':')
      *space = 1;
    else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
               c == '-'))
      break;
    kb[k++] = (c == '-' || c == ' ') ? '_' : c;
  }
  return k && !(kb[0] >= '0' && kb[0] <= '9') ? k : 0; /* kb[0] set iff k */
}

/*
** Split a header line into key and value: "# key = value" (hash = 1;
** also "# key: value" and "# newdoc id = …") or "key: value" (hash = 0).
** The key is 1..32 ASCII letters, digits, '_' or '-' (see read_key); a
** key with a space needs '=' ("# Chapter 1: …" is a Markdown heading).
** Returns 1 with the value span trimmed and unquoted.
*/
static int key_value(const char *s, size_t n, int hash, char kb[40], size_t *kn,
                     const char **v, size_t *vn) {
  size_t i = 0;
  int space;
  if (hash) {
    if (!n || s[0] != '#') return 0;
    for (i = 1; i < n && s[i] == ' '; i++) {
    }
  }
  size_t k = read_key(s, n, &i, hash, kb, &space);
  if (!k) return 0;
  while (i < n && s[i] == ' ') i++;
  if (i >= n || (!(s[i] == '=' && hash) && !(s[i] == ':' && !space))) return 0;
  for (i++; i < n && s[i] == ' '; i++) {
  }
  *kn = k, *v = s + i, *vn = n - i;
  while (*vn && (*v)[*vn - 1] == ' ') (*vn)--;
  if (*vn >= 2 && (((*v)[0] == '"' && (*v)[*vn - 1] == '"') ||
                   ((*v)[0] == '\'' && (*v)[*vn - 1] == '\'')))
    (*v)++, *vn -= 2;
  return 1;
}

/* The host of a URL ("https://baoquangninh.vn/x" -> "baoquangninh.vn"). */
static int url_host(const char *v, size_t n, const char **h, size_t *hn) {
  const char *p = memmem(v, n, "://", 3);
  if (!p) return 0;
  p += 3;
  const char *e = p;
  while (e < v + n && *e != '/' && *e != '?' && *e != '#' && *e != ':') e++;
  if (e - p > 3 && (size_t)(e - p) >= 4 && memcmp(p, "www.", 4) == 0) p += 4;
  if (e <= p) return 0;
  *h = p, *hn = (size_t)(e - p);
  return 1;
}

/* Record one key's value in the document (the first value of a field
** wins; a date that does not read as a date is ignored). */
static void meta_set(doc *d, int f, const char *v, size_t n) {
  date_tm t;
  char iso[40];
  if (!n) return;
  if (f == F_TITLE && !d->title) {
    d->title = doc_str(d, v, n);
  } else if (f == F_DATE && !d->published && date_line(v, n, &t)) {
    date_format(&t, iso, sizeof iso);
    d->published = doc_str(d, iso, strlen(iso));
  } else if (f == F_AUTHOR && !d->author) {
    d->author = doc_str(d, v, n);
  } else if (f == F_SITE && !d->site) {
    const char *h; /* a site given as a URL is its host */
    size_t hn;
    if (url_host(v, n, &h, &hn)) v = h, n = hn;
    d->site = doc_str(d, v, n);
  } else if (f == F_URL && !d->site) {
    const char *h;
    size_t hn;
    if (url_host(v, n, &h, &hn)) d->site = doc_str(d, h, hn);
  }
}

/*
** One metadata field from outside the text (a JSON record's key): the key
** is matched like a header key (ASCII case, '-' and ' ' read as '_').
** pass 0 feeds every known key but the URLs, pass 1 only the URLs (the
** host is the site only when no key named it). Returns 1 when the key is
** a known one (fed in this pass or not), else 0.
*/
int parse_meta_key(doc *d, const char *key, size_t kn, const char *v, size_t vn,
                   int pass) {
  char kb[40];
  if (!kn || kn > 32) return 0;
  for (size_t i = 0; i < kn; i++) {
    char c = key[i];
    kb[i] = c >= 'A' && c <= 'Z'     ? (char)(c + 32)
            : (c == '-' || c == ' ') ? '_'
                                     : c;
  }
  int f = key_field(kb, kn);
  while (vn && (*v == ' ' || *v == '\n')) v++, vn--;
  while (vn && (v[vn - 1] == ' ' || v[vn - 1] == '\n')) vn--;
  if (f != F_NONE && (f == F_URL) == pass) meta_set(d, f, v, vn);
  return f != F_NONE;
}

/* Feed the keys of units [a, b) to the document, the URL last (its host
** is the site only when no key names the site). */
static void read_keys(page *p, size_t a, size_t b, int hash) {
  char kb[40];
  size_t kn, vn;
  const char *v;
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = a; i < b; i++) {
      if (!key_value(US(p, i), UL(p, i), hash, kb, &kn, &v, &vn)) continue;
      int f = key_field(kb, kn);
      if ((f == F_URL) == pass) meta_set(p->d, f, v, vn);
    }
}

/* "# key = value" units from unit 0 on; returns how many. */
static size_t hash_header(page *p) {
  char kb[40];
  size_t i = 0, kn, vn;
  const char *v;
  while (i < p->n && i < 200 &&
         key_value(US(p, i), UL(p, i), 1, kb, &kn, &v, &vn))
    i++;
  read_keys(p, 0, i, 1);
  return i;
}

static int is_rule(const char *s, size_t n) {
  while (n && s[n - 1] == ' ') n--;
  return n == 3 && memcmp(s, "---", 3) == 0;
}

/* YAML front matter: "---", key lines, "---" (or "..."). Returns the
** units it spans, 0 when there is none or it is never closed. */
static size_t yaml_header(page *p) {
  if (!p->n || !is_rule(US(p, 0), UL(p, 0))) return 0;
  size_t end = 0;
  for (size_t i = 1; i < p->n && i < 200 && !end; i++)
    if (is_rule(US(p, i), UL(p, i)) ||
        (UL(p, i) == 3 && memcmp(US(p, i), "...", 3) == 0))
      end = i;
  if (end < 2) return 0;
  read_keys(p, 1, end, 0);
  return end + 1;
}

/* ---- an HTML page's head, saved as text ---- */

/* The value of attribute `name` (with its '=' and a quote) in the tag
** s[0..n) into *v, *vn; 0 when absent or unquoted. */
static int html_attr(const char *s, size_t n, const char *name, const char **v,
                     size_t *vn) {
  size_t m = strlen(name);
  for (const char *a = s; (a = memmem(a, n - (size_t)(a - s), name, m)); a++) {
    if (a > s && a[-1] != ' ') continue;
    const char *q = a + m;
    if (q + 2 > s + n || q[0] != '=' || (q[1] != '"' && q[1] != '\'')) continue;
    const char *e = memchr(q + 2, q[1], (size_t)(s + n - q - 2));
    if (!e) return 0;
    *v = q + 2, *vn = (size_t)(e - q - 2);
    return 1;
  }
  return 0;
}

/* One line of an HTML head: "<meta property=\"og:title\" content=…>",
** "<meta name=\"author\" …>", "<link rel=\"canonical\" href=…>" feed
** the field their name says (without its "og:" / "article:" /
** "twitter:" prefix; key_field); a value over 120 bytes or with a '|'
** (a list of keywords) is ignored. pass as in read_keys. */
static void html_meta(doc *d, const char *s, size_t n, int pass) {
  const char *k, *v;
  size_t kn, vn;
  if (pt_prefix_ci(s, n, "<meta ")) {
    if (!html_attr(s, n, "property", &k, &kn) &&
        !html_attr(s, n, "name", &k, &kn))
      return;
    if (!html_attr(s, n, "content", &v, &vn)) return;
  } else if (pt_prefix_ci(s, n, "<link ")) {
    if (!html_attr(s, n, "rel", &k, &kn) || !html_attr(s, n, "href", &v, &vn))
      return;
  } else {
    return;
  }
  const char *c = memchr(k, ':', kn);
  if (c) kn -= (size_t)(c + 1 - k), k = c + 1;
  if (vn <= 120 && !memchr(v, '|', vn)) parse_meta_key(d, k, kn, v, vn, pass);
}

/* The text of "<title>…</title>" in s[0..n), its site's name cut ("… -
** Báo X"), into the title when no meta line gave one. */
static void html_title(page *p, const char *s, size_t n) {
  size_t a = pt_prefix_ci(s, n, "<title>");
  const char *e = a ? memmem(s + a, n - a, "</title>", 8) : NULL;
  if (!e || p->d->title) return;
  size_t m = chrome_site_suffix(s + a, (size_t)(e - s) - a, NULL);
  while (m && s[a + m - 1] == ' ') m--;
  if (m) p->d->title = doc_str(p->d, s + a, m);
}

/* Every tag of the markup line s[0..n) (several on a line of a minified
** page: "<html><head><meta …><title>…"): its meta and link tags into
** html_meta (pass as in read_keys), or with title, its <title> into
** html_title. */
static void html_tags(page *p, const char *s, size_t n, int pass, int title) {
  const char *end = s + n;
  for (const char *t = s; (t = memchr(t, '<', (size_t)(end - t))); t++) {
    size_t rest = (size_t)(end - t);
    if (title) {
      html_title(p, t, rest);
      continue;
    }
    const char *gt = memchr(t, '>', rest);
    html_meta(p->d, t, gt ? (size_t)(gt - t) + 1 : rest, pass);
  }
}

/*
** An HTML page's head saved as text ("<!DOCTYPE html>" or "<html …>"
** first): the units that are markup ('<' first) from unit 0 on, at most
** 400, feed title, date, author, site and URL from their meta and link
** tags (og:title first, then <title>), one tag a line or many (a minified
** page). Returns how many units it spans.
*/
static size_t html_header(page *p) {
  if (!p->n || !(pt_prefix_ci(US(p, 0), UL(p, 0), "<!DOCTYPE html") ||
                 pt_prefix_ci(US(p, 0), UL(p, 0), "<html")))
    return 0;
  size_t h = 0;
  while (h < p->n && h < 400 && UL(p, h) && US(p, h)[0] == '<') h++;
  for (int pass = 0; pass < 3; pass++)
    for (size_t i = 0; i < h; i++)
      html_tags(p, US(p, i), UL(p, i), pass, pass == 2);
  return h;
}

void meta_url_site(page *p) {
  if (p->d->site || !p->n) return;
  size_t ends[2] = {0, p->n - 1};
  for (int k = 0; k < 2; k++) {
    const char *s = US(p, ends[k]), *h;
    size_t n = UL(p, ends[k]), hn;
    if (pt_is_url(s, n) && url_host(s, n, &h, &hn)) {
      p->d->site = doc_str(p->d, h, hn);
      return;
    }
  }
}

size_t meta_header(page *p) {
  size_t h = yaml_header(p);
  if (!h) h = hash_header(p);
  if (!h) h = html_header(p);
  for (size_t i = 0; i < h; i++) p->u[i].kind = BK_BOILERPLATE;
  return h;
}

/* Length of "YYYY-MM" at the start of s, not followed by a digit or
** another '-' (a month: "date 2025-07 …"), else 0. */
static size_t month_prefix(const char *s, size_t n) {
  for (size_t k = 0; k < 7; k++)
    if (k >= n || (k == 4 ? s[k] != '-' : !(s[k] >= '0' && s[k] <= '9')))
      return 0;
  int mo = (s[5] - '0') * 10 + (s[6] - '0');
  if (mo < 1 || mo > 12) return 0;
  return n == 7 || !(s[7] == '-' || (s[7] >= '0' && s[7] <= '9')) ? 7 : 0;
}

/* Length of a date marker "date 2024-03-04" / "Date: 2024-03-04" /
** "Ngày đăng: 03/02/2020" at the start of s (the key, then spaces, ':'
** or '=', then an ISO date, a year and month (*t's day is then 0), or a
** day-first date). */
static size_t glued_marker(const char *s, size_t n, date_tm *t) {
  static const char *const keys[] = {"date", "published", "ngày đăng", NULL};
  for (const char *const *k = keys; *k; k++) {
    size_t i = pt_prefix_ci(s, n, *k);
    if (!i) continue;
    size_t j = i;
    while (j < n && (s[j] == ' ' || s[j] == ':' || s[j] == '=')) j++;
    if (j == i) return 0;
    size_t m = date_iso_prefix(s + j, n - j, t);
    if (!m) m = month_prefix(s + j, n - j); /* t stays zeroed: day 0 */
    if (!m && (m = date_dmy_prefix(s + j, n - j, 0)) != 0 &&
        !(date_line(s + j, m, t) && t->d))
      m = 0; /* "Ngày đăng: 03/02/2020Nội dung …" */
    return m ? j + m : 0;
  }
  return 0;
}

/* Where a date line glued after a counter starts ("False 13695Ngày cập
** nhật 17/10/2020": a view counter run into the date line's label by
** the page's text extraction), in a line of at most 120 bytes: after a
** digit, at a capital letter, the rest a whole date line with a day and
** a slash; else 0. */
static size_t counter_glued_date(const char *s, size_t n) {
  date_tm t;
  int32_t c;
  if (n > 120) return 0;
  for (size_t k = 1; k < n; k++)
    if (s[k - 1] >= '0' && s[k - 1] <= '9' && !(s[k] >= '0' && s[k] <= '9') &&
        s[k] != ' ' && (text_decode(s + k, n - k, &c), text_is_upper(c)) &&
        memchr(s + k, '/', n - k) && date_line(s + k, n - k, &t) && t.d)
      return k;
  return 0;
}

/*
** Among the first units from `from` on, a date marker that opens a unit
** with more text after it ("date 2024-03-04Nội dung…", "date 2025-07
** Công an …", "date 2025-10-08 HOTLINE: …") is split: the marker becomes
** a date line (published filled when unknown) or, a month alone, chrome;
** the rest a unit of its own. A unit the date-line reader takes whole
** ("date 2024-03-04 08:30") is left to it. So is a date line glued
** after a counter ("False 13695Ngày cập nhật 17/10/2020": the counter
** becomes chrome). Returns the number split.
*/
size_t meta_glued(page *p, size_t from) {
  size_t done = 0;
  for (size_t i = from; i < p->n && i < from + 8; i++) {
    const char *s = US(p, i);
    size_t n = UL(p, i);
    date_tm t, whole;
    size_t m = glued_marker(s, n, &t), c;
    if (!m && (c = counter_glued_date(s, n)) != 0 && !date_line(s, n, &whole)) {
      page_split(p, i, c); /* the counter is chrome; the date line is
                           ** read with the header */
      p->u[i].kind = BK_BANNER;
      done++;
      continue;
    }
    if (!m || m >= n || date_line(s, n, &whole)) continue;
    size_t at = m;
    while (at < n && s[at] == ' ') at++;
    if (at >= n) continue;
    page_split(p, i, at);
    p->u[i].len = m;
    p->u[i].kind = t.d ? BK_DATELINE : BK_BANNER;
    if (t.d && !p->d->published) {
      char iso[40];
      date_format(&t, iso, sizeof iso);
      p->d->published = doc_str(p->d, iso, strlen(iso));
    }
    done++;
  }
  return done;
}
