/*
** test_json_numbers.c — the JSON writer's numbers (doc.c: jnum writes an
** exact short decimal itself and falls back to printf) print exactly as
** "%.15g" prints the figure's value, on invented sentences.
** Plan:
**  1. 3,000 random percentages "a,b%" (a of 0-6 digits, b of 0-4) and
**     amounts "1.234,5 tỷ đồng" (dot thousands), one sentence each: every
**     "value" of the JSON equals snprintf("%.15g") of the value the
**     document's figure holds, and that value reads back as the written
**     decimal.
**  2. values the fast path must refuse and pass to printf: many digits
**     after the comma, large thousands groups.
**  3. figures made directly (no parse) holding integers at every count
**     of digits (10^k - 1, 10^k, 10^k + 1, their negatives), -0, 0 and
**     random doubles: each "value" prints as "%.15g" prints it (jnum's
**     integer test and jdigits_at's digit count).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doc.h"
#include "pipeline.h"
#include "util.h"

/* The text after each "value": of json, up to ',' or '}', into out[]
** (at most max); returns how many. */
static int json_values(const char *json, char out[][64], int max) {
  int n = 0;
  for (const char *p = json; n < max && (p = strstr(p, "\"value\":"));) {
    p += 8;
    size_t k = strcspn(p, ",}");
    if (k >= 64) k = 63;
    memcpy(out[n], p, k);
    out[n++][k] = 0;
  }
  return n;
}

/* Parse "Title\n\n" + sentence; check every figure value's JSON text
** against %.15g of the value held, and return the first value (NAN when
** no figure). */
static double check_sentence(const char *sentence) {
  char text[512];
  snprintf(text, sizeof text, "Tiêu đề bài viết\n\n%s\n", sentence);
  doc *d = pipeline_document("t.txt", text, strlen(text), 0);
  buf b;
  buf_init(&b);
  doc_to_json(d, &b);
  char got[16][64];
  int n = json_values(b.data ? b.data : "", got, 16);
  double first = NAN;
  for (int i = 0; i < n && i < (int)d->figures.n; i++) {
    char want[64];
    snprintf(want, sizeof want, "%.15g", d->figures.items[i].value);
    CHECK_STR(got[i], want);
    if (i == 0) first = d->figures.items[i].value;
  }
  CHECK(n == (int)d->figures.n);
  buf_free(&b);
  doc_free(d);
  return first;
}

/* n random decimal digits into s (no leading zero when lead), NUL-ended. */
static void digits(char *s, int n, int lead) {
  for (int i = 0; i < n; i++)
    s[i] =
        (char)('0' + (i == 0 && lead && n > 1 ? 1 + rand() % 9 : rand() % 10));
  s[n] = 0;
}

static void random_figures(void) {
  srand(12345);
  for (int r = 0; r < 3000; r++) {
    char a[16], f[16], s[256];
    digits(a, 1 + rand() % 6, 1);
    int nf = rand() % 5;
    digits(f, nf, 0);
    if (r % 2) {
      snprintf(s, sizeof s,
               "Tỷ lệ hộ nghèo giảm còn %s%s%s%% so với năm trước.", a,
               nf ? "," : "", f);
    } else { /* thousands with dots: "12.345.678,9 tỷ đồng" */
      char g[32];
      size_t k = strlen(a), o = 0;
      for (size_t i = 0; i < k; i++) {
        if (i && (k - i) % 3 == 0) g[o++] = '.';
        g[o++] = a[i];
      }
      g[o] = 0;
      snprintf(s, sizeof s, "Tổng vốn đầu tư đạt %s%s%s tỷ đồng trong năm.", g,
               nf ? "," : "", f);
    }
    char dec[40];
    snprintf(dec, sizeof dec, "%s%s%s", a, nf ? "." : "", f);
    double v = check_sentence(s);
    /* the value held is the decimal written (times a unit's multiplier
    ** when the parser applies one: then only its JSON text is checked) */
    if (r % 2) CHECK(v == strtod(dec, NULL));
  }
}

static void fallback_shapes(void) {
  check_sentence("Tỷ lệ đạt 0,000123456789%.");
  check_sentence("Tỷ lệ đạt 99,99999999999%.");
  check_sentence("Tổng vốn đạt 123.456.789.012.345 đồng.");
  check_sentence("Tổng vốn đạt 9.007.199.254.740.993 đồng.");
  check_sentence("Lãi suất 0,1% và 0,2% và 0,3% một năm.");
}

/* A document of figures holding v[0..n) as their values: each "value" of
** its JSON is "%.15g" of it. */
static void check_values(const double *v, int n) {
  doc *d = doc_new("t.txt");
  d->utf8 = 1;
  for (int i = 0; i < n; i++) {
    doc_figure f = {0};
    f.value = v[i], f.base = v[i];
    VEC_PUSH(d->figures, f);
  }
  buf b;
  buf_init(&b);
  doc_to_json(d, &b);
  char got[64][64];
  int k = json_values(b.data ? b.data : "", got, 64);
  CHECK(k == n);
  for (int i = 0; i < k; i++) {
    char want[64];
    snprintf(want, sizeof want, "%.15g", v[i]);
    CHECK_STR(got[i], want);
  }
  buf_free(&b);
  doc_free(d);
}

static void direct_values(void) {
  double v[64];
  int n = 0;
  v[n++] = 0.0, v[n++] = -0.0;
  double p = 1;
  for (int k = 0; k <= 16; k++, p *= 10) { /* 1 .. 1e16 */
    double w[6] = {p - 1, p, p + 1, -(p - 1), -p, -(p + 1)};
    for (int j = 0; j < 6; j++) {
      v[n++] = w[j];
      if (n == 64) check_values(v, n), n = 0;
    }
  }
  if (n) check_values(v, n), n = 0;
  srand(777);
  for (int r = 0; r < 2000; r++) {
    double m = (double)rand() / RAND_MAX, e = pow(10, rand() % 19 - 3);
    v[n++] = (r % 3 == 0 ? floor(m * e) : m * e) * (r % 5 == 0 ? -1 : 1);
    if (n == 64) check_values(v, n), n = 0;
  }
  if (n) check_values(v, n);
}

int main(void) {
  random_figures();
  fallback_shapes();
  direct_values();
  return check_done();
}
